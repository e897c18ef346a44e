import { pino, type Logger } from 'pino';
import { traceFields } from './trace-context.js';

export type { Logger };

/**
 * JSON logger (pino). Redacts credentials wherever they appear in logged objects. Every line
 * logged inside a traced operation carries its `trace_id` and `span_id` (a mixin rather than
 * the pino instrumentation, which cannot patch pino once ESM has imported it).
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    mixin: traceFields,
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
