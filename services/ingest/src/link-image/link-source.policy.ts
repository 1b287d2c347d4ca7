import { parseGsUri, type BlobInfo, type BlobStore } from '@mi/storage';

/**
 * Which objects a caller may link: their own originals (an image copied into another of their
 * mosaics) and whatever an operator opened to everyone (`LINK_ALLOWED_PREFIXES`, e.g. a shared
 * imagery bucket). Another tenant's original, or any other object, answers exactly like a
 * missing one, so a caller cannot even learn that it exists.
 */
export class LinkSourcePolicy {
  constructor(
    private readonly blobs: BlobStore,
    private readonly originalsBucket: string,
    private readonly allowedPrefixes: string[],
  ) {}

  /** The object's stat when `owner` may read it, else null (missing and forbidden alike). */
  async readable(uri: string, owner: string): Promise<BlobInfo | null> {
    let location: { bucket: string; key: string };
    try {
      location = parseGsUri(uri);
    } catch {
      return null;
    }
    // Keys are not normalised by GCS, but a prefix check must not be fooled by `..` segments.
    if (location.key.split('/').some((segment) => segment === '..' || segment === '.')) return null;
    const opened = this.allowedPrefixes.some((prefix) => uri.startsWith(prefix));
    const ownOriginal = location.bucket === this.originalsBucket;
    if (!opened && !ownOriginal) return null;
    const info = await this.blobs.statUri(uri).catch(() => null);
    if (!info) return null;
    if (!opened && info.metadata.ownerId !== owner) return null;
    return info;
  }
}
