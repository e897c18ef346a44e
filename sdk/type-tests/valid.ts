// Must compile (sdk/src/type-tests.test.ts runs tsc on it): the SDK's functions take the
// generated input types and return the generated result types.
import { createTaskwireClient, type OperationName, type TaskwireError } from '../src/index.js';
import type { Mutation, Query, Subscription } from '../src/generated/schema.js';

const client = createTaskwireClient({ url: 'http://localhost:4000/graphql' });

export async function valid(): Promise<void> {
  const auth = await client.signUp({ email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' });
  const token: string = auth.token;
  client.setToken(token);

  const me = await client.me();
  const maybeName: string | undefined = me?.name;

  const task = await client.createTask({
    title: 'Weekly review',
    priority: 'HIGH',
    dueAt: '2026-11-30T09:00:00+01:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', anchor: 'SCHEDULE' },
  });
  const id: string = task.id;
  const status: 'OPEN' | 'COMPLETED' = task.status;

  const tagged = await client.setTaskTags({ taskId: id, names: ['work'] });
  const tagNames: string[] = (tagged.tags ?? []).map((tag) => tag.name);

  const reminder = await client.addReminder({ taskId: id, offsetMinutes: 30 });
  const remindAt: string = reminder.remindAt;

  const page = await client.tasks({
    filter: { overdue: true },
    sort: { field: 'DUE_AT', direction: 'ASC' },
    first: 10,
  });
  const total: number = page.totalCount;
  const overdue: boolean[] = page.edges.map((edge) => edge.node.isOverdue);
  await client.tasks();

  const detail = await client.task({ id });
  const next: string[] | undefined = detail?.nextOccurrences;

  const updated = await client.updateTask({ id, input: { clearDue: true } });
  const deleted: string = await client.deleteTask({ id: updated.id });

  const log = await client.auditLog({ filter: { taskId: deleted }, first: 5 });
  const types: string[] = log.edges.map((edge) => edge.node.type);

  const unsubscribe: () => void = client.subscribeReminders(
    (event) => {
      const title: string = event.task.title;
      const firedAt: string = event.firedAt;
      void title;
      void firedAt;
    },
    { onError: (error: TaskwireError) => void error.code },
  );
  unsubscribe();

  void [maybeName, status, tagNames, remindAt, total, overdue, next, types];
}

// Every root field of the client API has an SDK function of the same name.
type RootField = Exclude<keyof Query | keyof Mutation | keyof Subscription, '__typename'>;
type Missing = Exclude<RootField, OperationName>;
export const everyRootFieldCovered: [Missing] extends [never] ? true : Missing = true;
