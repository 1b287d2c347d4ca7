import type { Image } from '../api/rest-types';
import { PreviewImage } from '../preview/preview-image';
import { ModalDialog } from '../ui/modal-dialog';

/** The `l` preview (up to 1024 px) of one image, over the page; Escape or Close leaves it. */
export function LargePreviewDialog({ image, onClose }: { image: Image; onClose: () => void }) {
  return (
    <ModalDialog title={image.filename} onClose={onClose} className="large-preview">
      <PreviewImage imageId={image.id} size="l" alt={`Large preview of ${image.filename}`} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
