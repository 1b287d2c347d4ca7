/** The requested object does not exist; `key` is the key or, for copies, the source URI. */
export class BlobNotFound extends Error {
  readonly code = 'BLOB_NOT_FOUND';

  constructor(readonly key: string) {
    super(`blob not found: ${key}`);
    this.name = 'BlobNotFound';
  }
}
