import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logger (pino). Redacts credentials wherever they appear in logged objects.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'input.password',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
