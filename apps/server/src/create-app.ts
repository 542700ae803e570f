import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import bodyParser from 'body-parser';
import { AuthService } from '#auth';
import { presenceTimings } from '#domain';
import { AppModule, type AppDependencies } from './app.module.js';
import { CLAIMS_EXTRACT_PATH } from './claims/claims.controller.js';
import { CollabIoAdapter } from './collab/collab-io.adapter.js';
import { openRedisLinks } from './composition/redis-links.js';
import { AllExceptionsFilter } from './http/all-exceptions.filter.js';
import { authenticateFirst } from './http/authenticate-first.js';
import { httpObservability } from './http/http-observability.js';
import { jsonBodyOptions } from './http/json-body.js';
import { securityHeaders } from './http/security-headers.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { PinoNestLogger } from './logging/logger.js';
import { webPage } from './web/web-page.js';
import { MetricsService } from './metrics/metrics.service.js';

// Large enough that an over-long text is refused by validation with a clear message, not cut off.
const CLAIMS_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** Builds the HTTP + socket server around already-opened dependencies; the caller listens and closes. */
export async function createApp(deps: Omit<AppDependencies, 'redisLinks'>): Promise<NestExpressApplication> {
  const redisLinks = openRedisLinks(deps.redis);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.create({ ...deps, redisLinks }), {
    bodyParser: false,
    logger: new PinoNestLogger(deps.logger),
  });
  const timings = presenceTimings(deps.config.collab.presenceTimeoutMs);
  app.useWebSocketAdapter(
    new CollabIoAdapter(app, {
      pingIntervalMs: timings.pingIntervalMs,
      pingTimeoutMs: timings.pingTimeoutMs,
      // Well above the largest update: an oversized update is read and answered TOO_LARGE with the
      // connection kept; only frames past this cap are cut off unparsed.
      maxMessageBytes: deps.config.collab.maxMessageBytes,
      redis: redisLinks.adapter,
    }),
  );
  app.disable('x-powered-by');
  // req.ip and req.secure come from X-Forwarded-For / -Proto only as far as TRUST_PROXY trusts.
  const trustProxy = deps.config.http.trustProxy;
  app.set('trust proxy', Array.isArray(trustProxy) ? [...trustProxy] : trustProxy);
  app.use(httpObservability(deps.logger, app.get(MetricsService)));
  app.use(securityHeaders());
  app.use(webPage());
  // Claim extraction takes long texts; its own limit is checked as a validation error. Only a
  // signed-in caller gets that far: anyone else is refused before the body is read.
  app.use(
    CLAIMS_EXTRACT_PATH,
    authenticateFirst(app.get(AuthService), deps.logger),
    bodyParser.json(jsonBodyOptions(CLAIMS_BODY_LIMIT_BYTES)),
  );
  app.useBodyParser('json', jsonBodyOptions(deps.config.http.bodyLimitBytes));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(deps.logger));

  // Off by default in production (API_DOCS): the document maps every route for whoever asks.
  if (deps.config.http.apiDocs) {
    const openApi = new DocumentBuilder()
      .setTitle('Copydesk')
      .setDescription('Newsroom collaboration: drafts, live co-editing, claims, review and release.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  }

  await app.init();
  return app;
}
