import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LiveEditingService } from '#drafts';
import { Public } from '../auth/public.decorator.js';
import { READINESS_PROBES, type ReadinessProbe } from './readiness-probe.js';

type Check = 'ok' | 'down' | 'not_configured';

async function probe(check: () => Promise<Check>, timeoutMs = 2_000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      check(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs))),
    ]);
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
    @Inject(READINESS_PROBES) private readonly probes: readonly ReadinessProbe[],
    private readonly editing: LiveEditingService,
  ) {}

  /** The process is up (no dependencies checked): restart it when this fails. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * The process can serve: send it traffic only when this answers 200, that is when no probe
   * (database, Redis when configured) is down. Drafts whose stored document failed to load are
   * reported (their ids are in the logs) but do not take the instance out of rotation: every
   * other draft is served.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const checks = await Promise.all(
      this.probes.map(async (dependency) => [dependency.name, await probe(() => dependency.check())] as const),
    );
    const failedToLoad = this.editing.health.failedLoads.size;
    const ready = checks.every(([, result]) => result !== 'down');
    response.status(ready ? 200 : 503);
    return {
      status: ready ? 'ok' : 'unavailable',
      checks: { ...Object.fromEntries(checks), documents: failedToLoad === 0 ? 'ok' : 'degraded' },
      documents: { failedToLoad },
    };
  }
}
