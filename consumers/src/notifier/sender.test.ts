import { describe, expect, it } from 'vitest';
import { parseConfig } from '@taskwire/platform/config';
import { notifierConfigSchema } from './env.js';
import { messageIdOf } from './sender.js';

describe('notifier', () => {
  it('derives one Message-ID per firing', () => {
    expect(messageIdOf('0190-abc')).toBe('<reminder-0190-abc@taskwire>');
  });

  it('defaults to the local SMTP sink and a 60 s grace', () => {
    const config = parseConfig(notifierConfigSchema, {
      DATABASE_URL: 'postgres://x@127.0.0.1/db',
      KAFKA_BROKERS: '127.0.0.1:9092',
    });
    expect(config.PORT).toBe(4014);
    expect(config.SMTP_URL).toBe('smtp://127.0.0.1:2525');
    expect(config.REMINDER_EMAIL_GRACE_SECONDS).toBe(60);
    expect(config.CONSUMER_GROUP).toBe('notifier');
    expect(() =>
      parseConfig(notifierConfigSchema, {
        DATABASE_URL: 'postgres://x@127.0.0.1/db',
        KAFKA_BROKERS: 'k:1',
        SMTP_URL: 'http://x',
      }),
    ).toThrow(/SMTP_URL/);
  });
});
