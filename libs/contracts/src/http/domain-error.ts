/**
 * A rule a user can break: a stable code and the parameters clients format messages from
 * (API.md). Transport filters map it to an HTTP envelope; the domain knows nothing of HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly parameters: Record<string, unknown>,
    message?: string,
  ) {
    super(message ?? code);
  }
}

/** A request that does not have the shape the contract asks for. */
export class BadRequest extends DomainError {
  constructor(field: string, reason: string) {
    super('BadRequest', { field, reason }, `${field}: ${reason}`);
  }
}

export class ItemNotFound extends DomainError {
  constructor(instanceType: 'mosaic' | 'image', uid: string) {
    super('ItemNotFound', { instance_type: instanceType, uid });
  }
}
