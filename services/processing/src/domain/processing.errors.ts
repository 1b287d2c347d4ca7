import { BadRequest, DomainError } from '@mi/contracts';

export { BadRequest };

/** Another user's processing, a deleted one and one that never existed all look the same. */
export class ProcessingNotFound extends DomainError {
  constructor(processingId: string) {
    super('ProcessingNotFound', { processingId }, `Processing ${processingId} not found`);
  }
}

export class ProcessingAlreadyExists extends DomainError {
  constructor(processingId: string) {
    super('ProcessingAlreadyExists', { processingId }, `Processing ${processingId} exists already`);
  }
}

export class ProcessingNotRestartable extends DomainError {
  constructor(processingId: string, status: string) {
    super(
      'ProcessingNotRestartable',
      { processingId, status },
      `Only a failed processing can be restarted; this one is ${status}`,
    );
  }
}
