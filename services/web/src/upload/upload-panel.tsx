import { useRef, useState, type DragEvent } from 'react';
import { formatBytes } from '../format/bytes';
import { useStorage } from '../storage/storage-context';
import { useUploadQueue, type UploadItem } from './use-upload-queue';

const STATE_TEXT: Record<UploadItem['state'], string> = {
  queued: 'Waiting',
  uploading: 'Uploading',
  checking: 'Checking the file…',
  accepted: 'Accepted',
  rejected: 'Not accepted',
  pending: 'Still being checked',
};

/** Choose or drop GeoTIFFs; each file gets a progress bar and, if refused, the server's reason. */
export function UploadPanel({ mosaicId, onSettled }: { mosaicId: string; onSettled: () => void }) {
  const { memory } = useStorage();
  const queue = useUploadQueue(mosaicId, memory, onSettled);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) queue.add(files);
  };

  return (
    <section className="card upload-panel" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload images</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          Choose GeoTIFF files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".tif,.tiff,image/tiff"
          className="file-input"
          aria-label="GeoTIFF files to upload"
          tabIndex={-1}
          onChange={(event) => {
            queue.add([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
        <span className="help">
          or drop them here.{memory ? ` Up to ${formatBytes(memory.maxUploadFileSize)} per file.` : ''}
        </span>
      </div>
      {queue.items.length > 0 && (
        <>
          <ul className="uploads" aria-label="Uploads">
            {queue.items.map((item) => (
              <UploadRow key={item.key} item={item} onCancel={() => queue.cancel(item.key)} />
            ))}
          </ul>
          {!queue.busy && (
            <button type="button" className="small" onClick={queue.clearFinished}>
              Clear the list
            </button>
          )}
        </>
      )}
    </section>
  );
}

function UploadRow({ item, onCancel }: { item: UploadItem; onCancel: () => void }) {
  const percent = item.size > 0 ? Math.floor((item.sent / item.size) * 100) : 100;
  const active = item.state === 'queued' || item.state === 'uploading';
  return (
    <li className={`upload upload-${item.state}`} data-filename={item.name}>
      <div className="upload-line">
        <span className="upload-name">{item.name}</span>
        <span className="upload-size muted">{formatBytes(item.size)}</span>
        <span className="upload-state" aria-live="polite">
          {STATE_TEXT[item.state]}
          {item.state === 'uploading' ? ` ${percent} %` : ''}
        </span>
        {active && (
          <button type="button" className="small" onClick={onCancel}>
            Cancel<span className="visually-hidden"> {item.name}</span>
          </button>
        )}
      </div>
      <progress
        max={Math.max(item.size, 1)}
        value={item.size > 0 ? item.sent : 1}
        aria-label={`Upload of ${item.name}`}
      />
      {item.message && (
        <p
          className={item.state === 'rejected' ? 'upload-error' : 'upload-note'}
          role={item.state === 'rejected' ? 'alert' : undefined}
        >
          {item.message}
        </p>
      )}
    </li>
  );
}
