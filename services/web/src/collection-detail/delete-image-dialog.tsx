import { useState } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';
import type { Image } from '../api/rest-types';
import { formatBytes } from '../format/bytes';
import { ErrorText } from '../ui/error-text';
import { ModalDialog } from '../ui/modal-dialog';

interface DeleteImageDialogProps {
  image: Image;
  onClose: () => void;
  onDeleted: (image: Image) => void;
}

export function DeleteImageDialog({ image, onClose, onDeleted }: DeleteImageDialogProps) {
  const client = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.deleteImage(image.id);
      onDeleted(image);
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught);
      setBusy(false);
    }
  };

  return (
    <ModalDialog title={`Delete “${image.filename}”?`} onClose={onClose}>
      <p>
        This deletes the image for good and frees <strong>{formatBytes(image.file_size)}</strong> of storage.
      </p>
      <ErrorText error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={confirm} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete image'}
        </button>
      </div>
    </ModalDialog>
  );
}
