import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from '#auth';

export interface AuthenticatedRequest {
  user?: AuthUser;
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});
