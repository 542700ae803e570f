import { createHash, timingSafeEqual } from 'node:crypto';
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

  // Scrapers carry no user token; METRICS_TOKEN guards the endpoint instead. Without one it is open
  // in development and closed to everyone in production (docs/security.md).
  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.http.metricsToken;
    if (token === null && this.config.environment === 'production') {
      throw new DomainError('UNAUTHORIZED', 'Metrics are closed in production until METRICS_TOKEN is set');
    }
    if (token !== null && !sameSecret(authorization ?? '', `Bearer ${token}`)) {
      throw new DomainError('UNAUTHORIZED', 'A metrics token is required');
    }
    return this.metrics.registry.metrics();
  }
}

/** Compared in constant time (of equal-length digests), so response timing tells nothing of the token. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
