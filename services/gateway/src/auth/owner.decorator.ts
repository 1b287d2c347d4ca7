import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './token.guard';

/** The authenticated caller: everything they create is theirs, everything else is not found. */
export const Owner = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>().ownerId,
);
