import { describe, expect, it } from 'vitest';
import { boundedOperationLabel, clientOperationNames, plannedOperationOrigin } from './metrics.js';

describe('operation labels', () => {
  it('knows the operations of the SDK and of the web app, not their fragments', () => {
    expect(clientOperationNames.has('CreateTask')).toBe(true); // both
    expect(clientOperationNames.has('Me')).toBe(true); // SDK only
    expect(clientOperationNames.has('QuickAddTask')).toBe(true); // web app only
    expect(clientOperationNames.has('ReminderDue')).toBe(true); // a subscription
    expect(clientOperationNames.has('TaskItemFields')).toBe(false); // a fragment
  });

  it('labels a known name by itself, no name as anonymous, and anything else as other', () => {
    const known = new Set(['CreateTask']);
    expect(boundedOperationLabel('CreateTask', known)).toBe('CreateTask');
    expect(boundedOperationLabel(undefined, known)).toBe('anonymous');
    expect(boundedOperationLabel('', known)).toBe('anonymous');
    const random = Array.from({ length: 1000 }, (_, i) => boundedOperationLabel(`Probe${i}`, known));
    expect(new Set(random)).toEqual(new Set(['other']));
  });

  it("finds the client's operation in the name of a gateway's subgraph fetch", () => {
    expect(plannedOperationOrigin('CreateTask__tasks__0')).toBe('CreateTask');
    expect(plannedOperationOrigin('TaskList__audit__12')).toBe('TaskList');
    expect(plannedOperationOrigin('CreateTask')).toBe('CreateTask');
    expect(plannedOperationOrigin('Create__Task')).toBe('Create__Task');
  });
});
