import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Request bodies are never logged; the redaction list is a second
 * line of defence for personal data that should not reach a log in the first place.
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    redact: {
      paths: ['person', '*.person', 'givenName', 'familyName', 'birthDate', 'phone', 'email', '*.givenName', '*.familyName', '*.birthDate', '*.phone', '*.email', 'headers.authorization'],
      censor: '[redacted]',
    },
  };
  // stdout unless told (tests that read what the services logged).
  return destination ? pino(options, destination) : pino(options);
}

/** Lets Nest's own messages go through the same JSON logger. */
export class NestPinoLogger implements LoggerService {
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
