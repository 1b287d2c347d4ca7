import { useState } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';
import type { BulkDeleteResult, Mosaic } from '../api/rest-types';
import { formatBytes } from '../format/bytes';
import { describeError } from '../format/error-message';
import { ModalDialog } from '../ui/modal-dialog';
import { ErrorText } from '../ui/error-text';

interface DeleteCollectionsDialogProps {
  mosaics: Mosaic[];
  onClose: () => void;
  /** After the server answered: the ids it deleted (some may have failed, shown here). */
  onDeleted: (deletedIds: string[]) => void;
}

/**
 * Asks before deleting, saying how much space it frees. One collection goes through
 * `DELETE /mosaic/{id}`; several at once through the bulk `POST /mosaic/delete`.
 */
export function DeleteCollectionsDialog({ mosaics, onClose, onDeleted }: DeleteCollectionsDialogProps) {
  const client = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [failed, setFailed] = useState<BulkDeleteResult['failed']>([]);

  const bytes = mosaics.reduce((sum, m) => sum + m.sizeInBytes, 0);
  const images = mosaics.reduce((sum, m) => sum + m.image_count, 0);
  const what = mosaics.length === 1 ? `“${mosaics[0].name}”` : `${mosaics.length} collections`;
  const nameOf = (id: string) => mosaics.find((m) => m.id === id)?.name ?? id;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const result: BulkDeleteResult =
        mosaics.length === 1
          ? await client.deleteMosaic(mosaics[0].id).then(() => ({ deleted: [mosaics[0].id], failed: [] }))
          : await client.deleteMosaics(mosaics.map((m) => m.id));
      onDeleted(result.deleted);
      if (result.failed.length === 0) onClose();
      else setFailed(result.failed);
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title={`Delete ${what}?`} onClose={onClose}>
      <p>
        This deletes {images === 1 ? '1 image' : `${images} images`} for good and frees{' '}
        <strong data-testid="frees">{formatBytes(bytes)}</strong> of storage.
      </p>
      {mosaics.length > 1 && (
        <ul className="delete-list">
          {mosaics.map((m) => (
            <li key={m.id}>
              {m.name} <span className="muted">({formatBytes(m.sizeInBytes)})</span>
            </li>
          ))}
        </ul>
      )}
      {failed.length > 0 && (
        <div role="alert" className="error-text">
          <p>These could not be deleted:</p>
          <ul>
            {failed.map((f) => (
              <li key={f.id}>
                {nameOf(f.id)}: {describeError(f.detail)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ErrorText error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          {failed.length > 0 ? 'Close' : 'Cancel'}
        </button>
        {failed.length === 0 && (
          <button type="button" className="danger" onClick={confirm} disabled={busy}>
            {busy ? 'Deleting…' : mosaics.length === 1 ? 'Delete collection' : `Delete ${mosaics.length} collections`}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}
