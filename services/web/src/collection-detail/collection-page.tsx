import { useCallback, useState } from 'react';
import { useApi } from '../api/api-context';
import type { Image, Mosaic } from '../api/rest-types';
import { useLoaded } from '../api/use-loaded';
import { DeleteCollectionsDialog } from '../collections/delete-collections-dialog';
import { TagList } from '../collections/tag-list';
import { Link, useNavigate } from '../routing/navigation';
import { useStorage } from '../storage/storage-context';
import { ErrorText } from '../ui/error-text';
import { UploadPanel } from '../upload/upload-panel';
import { DeleteImageDialog } from './delete-image-dialog';
import { EditCollectionForm } from './edit-collection-form';
import { ImageCard } from './image-card';
import { LargePreviewDialog } from './large-preview-dialog';
import { RasterProfileSummary } from './raster-profile-summary';

/** One collection: its profile, its images with previews, uploads, rename, retag, delete. */
export function CollectionPage({ id }: { id: string }) {
  const client = useApi();
  const navigate = useNavigate();
  const storage = useStorage();
  const loadMosaic = useCallback(() => client.getMosaic(id), [client, id]);
  const loadImages = useCallback(() => client.listImages(id), [client, id]);
  const mosaic = useLoaded(loadMosaic);
  const images = useLoaded(loadImages);
  const [saved, setSaved] = useState<Mosaic | null>(null);
  const [editing, setEditing] = useState(false);
  const [opened, setOpened] = useState<Image | null>(null);
  const [imageToDelete, setImageToDelete] = useState<Image | null>(null);
  const [deleting, setDeleting] = useState(false);

  // A saved edit shows at once; the next load (after an upload) brings the same.
  const current = saved && mosaic.data && saved.updated_at >= mosaic.data.updated_at ? saved : mosaic.data;
  const { reload: reloadMosaic } = mosaic;
  const { reload: reloadImages } = images;
  const changed = useCallback(() => {
    reloadMosaic();
    reloadImages();
    storage.refreshAfterChange();
  }, [reloadMosaic, reloadImages, storage]);

  if (!current) {
    return (
      <>
        <Link to={{ page: 'collections' }}>← All collections</Link>
        {mosaic.error ? <ErrorText error={mosaic.error} /> : <p className="muted">Loading the collection…</p>}
      </>
    );
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={{ page: 'collections' }}>← All collections</Link>
      </nav>
      <div className="collection-heading">
        <h1>{current.name}</h1>
        <TagList tags={current.tags} />
        <div className="heading-actions">
          <button type="button" onClick={() => setEditing(true)} disabled={editing}>
            Edit name and tags
          </button>
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            Delete collection
          </button>
        </div>
      </div>
      {editing && (
        <EditCollectionForm
          mosaic={current}
          onSaved={(updated) => {
            setSaved(updated);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      <RasterProfileSummary mosaic={current} />
      <UploadPanel mosaicId={current.id} onSettled={changed} />
      <section aria-labelledby="images-title">
        <h2 id="images-title">Images</h2>
        <ErrorText error={images.error} />
        {images.data && images.data.length === 0 && (
          <p className="muted">No images yet. Upload GeoTIFF files above; previews appear here.</p>
        )}
        {images.data && images.data.length > 0 && (
          <ul className="image-grid">
            {images.data.map((image) => (
              <ImageCard key={image.id} image={image} onOpen={setOpened} onDelete={setImageToDelete} />
            ))}
          </ul>
        )}
      </section>
      {opened && <LargePreviewDialog image={opened} onClose={() => setOpened(null)} />}
      {imageToDelete && (
        <DeleteImageDialog image={imageToDelete} onClose={() => setImageToDelete(null)} onDeleted={changed} />
      )}
      {deleting && (
        <DeleteCollectionsDialog
          mosaics={[current]}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            storage.refreshAfterChange();
            navigate({ page: 'collections' });
          }}
        />
      )}
    </>
  );
}
