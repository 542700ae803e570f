import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { clientContext, type ClientContext } from '#auth';

/** Where the request came from: `req.ip` (a trusted proxy's forwarded address, else the peer's) and its User-Agent. */
export const ClientInfo = createParamDecorator((_: unknown, context: ExecutionContext): ClientContext => {
  const request = context.switchToHttp().getRequest<Request>();
  return clientContext(request.ip, request.headers['user-agent']);
});
