/**
 * Upload saga step 1: room for the declared size is reserved before any byte moves. The quota
 * service does not exist yet; until it does, every reservation is granted (a stated stub, not a
 * decision): nothing else in the saga depends on how reservations are made.
 */
export interface StorageQuota {
  reserve(ownerId: string, uploadRef: string, bytes: number): Promise<void>;
}

export const STORAGE_QUOTA = Symbol('STORAGE_QUOTA');

export class UnlimitedStorageQuota implements StorageQuota {
  async reserve(): Promise<void> {}
}
