import { BadRequest, DomainError } from '@mi/contracts';

export { BadRequest };

// The messages are what an operator reads on the admin CLI's stderr; codes and parameters are
// what a transport filter maps to an envelope.

export class UserAlreadyExists extends DomainError {
  constructor(email: string) {
    super('UserAlreadyExists', { email }, `user ${email} already exists`);
  }
}

export class UserNotFound extends DomainError {
  constructor(email: string) {
    super('UserNotFound', { email }, `user ${email} not found`);
  }
}
