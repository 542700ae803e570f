import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { LiveEditingService } from '#drafts';
import { Public } from '../auth/public.decorator.js';
import { REDIS } from '../tokens.js';

type Check = 'ok' | 'down' | 'not_configured';

async function probe(check: () => Promise<unknown>, timeoutMs = 2_000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs))),
    ]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly editing: LiveEditingService,
  ) {}

  /** The process is up (no dependencies checked): restart it when this fails. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * The process can serve: send it traffic only when this answers 200. Drafts whose stored
   * document failed to load are reported (their ids are in the logs) but do not take the instance
   * out of rotation: every other draft is served.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const [database, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      this.redis ? probe(() => this.redis!.ping()) : Promise.resolve<Check>('not_configured'),
    ]);
    const failedToLoad = this.editing.health.failedLoads.size;
    const ready = database === 'ok' && redis !== 'down';
    response.status(ready ? 200 : 503);
    return {
      status: ready ? 'ok' : 'unavailable',
      checks: { database, redis, documents: failedToLoad === 0 ? 'ok' : 'degraded' },
      documents: { failedToLoad },
    };
  }
}
