export { PREVIEW_SIZES, renderPreview, type PreviewSize, type RenderedPreview, type Rendition } from './render-preview';
export { fitWithin } from './preview-geometry';
