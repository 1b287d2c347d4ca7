/**
 * Whom an internal call acts for, as the internal routes read it. Never taken from the network:
 * `serviceAuthentication` discards any incoming value and sets these from the verified service
 * token (the gateway signs the authenticated user into it).
 */
export const OWNER_HEADER = 'x-owner-id';
export const OWNER_PLAN_HEADER = 'x-owner-plan';
