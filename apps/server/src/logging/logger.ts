import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '#config';
import { serializeError } from './error-serializer.js';
import { REDACTED, redactedPaths } from './redaction.js';

/**
 * The server's one logger: JSON lines to stdout (or `destination`), errors without the data of
 * their queries, secret fields replaced wherever they appear (docs/security.md, Logs).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'copydesk' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError },
    redact: { paths: redactedPaths(), censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Routes NestJS's own log lines into the same structured JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
