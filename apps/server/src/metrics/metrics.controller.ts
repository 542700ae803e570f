import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AppConfig } from '#config';
import { DomainError } from '#domain';
import { Public } from '../auth/public.decorator.js';
import { APP_CONFIG } from '../tokens.js';
import { MetricsService } from './metrics.service.js';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Scrapers carry no user token; METRICS_TOKEN, when set, guards the endpoint instead.
  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.http.metricsToken;
    if (token && authorization !== `Bearer ${token}`) {
      throw new DomainError('UNAUTHORIZED', 'A metrics token is required');
    }
    return this.metrics.registry.metrics();
  }
}
