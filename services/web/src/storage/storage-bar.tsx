import { formatBytes } from '../format/bytes';
import { useStorage } from './storage-context';

/** Used, free and the limit, always in view at the bottom of the page. */
export function StorageBar() {
  const { memory } = useStorage();
  if (!memory) {
    return (
      <footer className="storage-bar" aria-label="Storage">
        <span className="storage-figures">Storage: reading…</span>
      </footer>
    );
  }
  const { memoryLimit: limit, memoryUsed: used, memoryFree: free, memoryReserved: reserved } = memory;
  const share = (bytes: number) => `${limit > 0 ? Math.min(100, (bytes / limit) * 100) : 0}%`;
  const usedText = `${formatBytes(used)} used of ${formatBytes(limit)}`;
  return (
    <footer className="storage-bar" aria-label="Storage">
      <div
        className="storage-meter"
        role="meter"
        aria-label="Storage used"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        aria-valuetext={usedText}
      >
        {/* A sliver at least, so a few kilobytes of a gigabyte still show as something. */}
        <div className="storage-meter-used" style={{ width: used > 0 ? `max(3px, ${share(used)})` : 0 }} />
        <div className="storage-meter-reserved" style={{ width: share(reserved) }} />
      </div>
      <p className="storage-figures" aria-live="polite" data-testid="storage-figures">
        <span>
          <strong>{formatBytes(used)}</strong> used
        </span>
        <span>
          <strong>{formatBytes(free)}</strong> free
        </span>
        <span>
          <strong>{formatBytes(limit)}</strong> limit
        </span>
        {reserved > 0 && <span>{formatBytes(reserved)} reserved for uploads in progress</span>}
        <span className="storage-plan">
          {memory.plan} plan · files up to {formatBytes(memory.maxUploadFileSize)}
        </span>
      </p>
    </footer>
  );
}
