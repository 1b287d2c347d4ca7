import { BadRequest, DomainError, ItemNotFound } from '@mi/contracts';

export { BadRequest, ItemNotFound };

export class MosaicAlreadyExists extends DomainError {
  constructor(mosaicId: string) {
    super('MosaicAlreadyExists', { uid: mosaicId });
  }
}
