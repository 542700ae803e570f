import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type AppDependencies } from './app.module.js';
import { AllExceptionsFilter } from './http/all-exceptions.filter.js';
import { httpObservability } from './http/http-observability.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { PinoNestLogger } from './logging/logger.js';
import { MetricsService } from './metrics/metrics.service.js';

/** Builds the HTTP + socket server around already-opened dependencies; the caller listens and closes. */
export async function createApp(deps: AppDependencies): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.create(deps), {
    bodyParser: false,
    logger: new PinoNestLogger(deps.logger),
  });
  app.disable('x-powered-by');
  app.use(httpObservability(deps.logger, app.get(MetricsService)));
  app.useBodyParser('json', { limit: deps.config.http.bodyLimitBytes });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(deps.logger));

  const openApi = new DocumentBuilder()
    .setTitle('Copydesk')
    .setDescription('Newsroom collaboration: drafts, live co-editing, claims, review and release.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  await app.init();
  return app;
}
