import { expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@taskwire/platform/config';
import { auditWriterConfigSchema } from './env.js';
import { retentionCutoff } from './retention.js';

it('defaults: port 4011, task-, project- and user-events, group audit-writer, from the beginning, keep forever', () => {
  const config = parseConfig(auditWriterConfigSchema, {});
  expect(config).toMatchObject({
    PORT: 4011,
    AUDIT_WRITER_TOPIC: 'task-events',
    PROJECT_EVENTS_TOPIC: 'project-events',
    USER_EVENTS_TOPIC: 'user-events',
    AUDIT_WRITER_GROUP: 'audit-writer',
    AUDIT_WRITER_FROM_BEGINNING: true,
    AUDIT_RETENTION_INTERVAL_SECONDS: 3600,
  });
  expect(config.AUDIT_RETENTION_DAYS).toBeUndefined();
  expect(parseConfig(auditWriterConfigSchema, { AUDIT_RETENTION_DAYS: '' }).AUDIT_RETENTION_DAYS).toBeUndefined();
  expect(
    parseConfig(auditWriterConfigSchema, { AUDIT_RETENTION_DAYS: '90', AUDIT_WRITER_FROM_BEGINNING: 'false' }),
  ).toMatchObject({
    AUDIT_RETENTION_DAYS: 90,
    AUDIT_WRITER_FROM_BEGINNING: false,
  });
});

it('names every bad variable at once', () => {
  try {
    parseConfig(auditWriterConfigSchema, {
      AUDIT_RETENTION_DAYS: '0',
      AUDIT_WRITER_SESSION_TIMEOUT_MS: '10',
      KAFKA_BROKERS: 'nope',
    });
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/AUDIT_RETENTION_DAYS/);
    expect(problems).toMatch(/AUDIT_WRITER_SESSION_TIMEOUT_MS/);
    expect(problems).toMatch(/KAFKA_BROKERS/);
  }
});

it('retention keeps exactly the last N days', () => {
  const now = new Date('2026-11-28T12:00:00.000Z');
  expect(retentionCutoff(30, now).toISOString()).toBe('2026-10-29T12:00:00.000Z');
});
