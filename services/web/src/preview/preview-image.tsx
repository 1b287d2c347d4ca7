import { usePreview } from './use-preview';

interface PreviewImageProps {
  imageId: string;
  size: 's' | 'l';
  alt: string;
}

/** The preview, or a placeholder while it is rendered, or "no preview" with the reason as title. */
export function PreviewImage({ imageId, size, alt }: PreviewImageProps) {
  const preview = usePreview(imageId, size);
  if (preview.state === 'ready') {
    return <img className={`preview preview-${size}`} src={preview.url} alt={alt} data-preview={size} />;
  }
  const loading = preview.state === 'loading';
  return (
    <span
      className={`preview preview-${size} preview-placeholder${loading ? ' loading' : ''}`}
      role="img"
      aria-label={loading ? `${alt}: loading` : `${alt}: no preview (${preview.reason})`}
      title={loading ? undefined : preview.reason}
    >
      {loading ? 'Loading preview…' : 'No preview'}
    </span>
  );
}
