import { readFileSync } from 'node:fs';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { auditEntryKind, auditedEventTypes } from '@taskwire/platform/events';

const sdl = parse(readFileSync(new URL('../../../../../schema/audit.graphql', import.meta.url), 'utf8'));

/** The values of `enum AuditEntryKind` in schema/audit.graphql. */
function schemaKinds(): string[] {
  const definition = sdl.definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'AuditEntryKind',
  );
  return (definition?.values ?? []).map((value) => value.name.value);
}

describe('AuditEntry.kind', () => {
  it('has one AuditEntryKind value per audited event type of the event contract, and no other', () => {
    expect(auditedEventTypes.length).toBeGreaterThan(0);
    expect(schemaKinds().sort()).toEqual(auditedEventTypes.map(auditEntryKind).sort());
  });

  it('names a type by its domain and action', () => {
    expect(auditEntryKind('task.created')).toBe('TASK_CREATED');
    expect(auditEntryKind('reminder.rescheduled')).toBe('REMINDER_RESCHEDULED');
  });
});
