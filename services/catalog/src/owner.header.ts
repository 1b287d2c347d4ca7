/** The gateway authenticates; services trust this header on their internal API only. */
export const OWNER_HEADER = 'x-owner-id';
