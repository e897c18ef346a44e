import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSubscriptionPlanner } from './planner.js';

const supergraphSdl = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema/supergraph.graphql'),
  'utf8',
);

describe('createSubscriptionPlanner', () => {
  const planner = createSubscriptionPlanner(supergraphSdl);

  it('sends the subscription to planning with the Task key, and fetches tasks and audit fields per event', () => {
    const plan = planner.plan(
      parse(
        `subscription { reminderDue { id task { title priority tags { name } history(first: 3) { edges { node { type } } } } } }`,
      ),
    );
    expect(plan.primary.serviceName).toBe('planning');
    expect(plan.primary.operationKind).toBe('subscription');
    expect(plan.primary.operation).toContain('task{__typename id tags{name}}');
    const rest = JSON.stringify(plan.rest);
    expect(rest).toContain('"serviceName":"tasks"');
    expect(rest).toContain('"serviceName":"audit"');
    expect(plan.perEvent.node?.kind).toBe('Sequence');
  });

  it('has no rest when planning serves every field', () => {
    const plan = planner.plan(parse(`subscription { reminderDue { id firedAt reminder { id state } task { id } } }`));
    expect(plan.rest).toBeUndefined();
    expect(plan.perEvent.node).toBe(plan.primary);
  });

  it('refuses a query', () => {
    expect(() => planner.plan(parse(`{ tags { id } }`))).toThrow(/subscription/);
  });
});
