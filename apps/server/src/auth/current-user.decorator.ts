import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthSession, AuthUser } from '#auth';

export interface AuthenticatedRequest {
  user?: AuthUser;
  /** The sign-in session of the request's token. */
  authSession?: AuthSession;
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});

export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): AuthSession => {
  const session = context.switchToHttp().getRequest<AuthenticatedRequest>().authSession;
  if (!session) throw new Error('CurrentSession used on a public route');
  return session;
});
