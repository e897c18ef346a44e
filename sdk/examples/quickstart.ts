// Taskwire SDK quickstart: sign up and in, create a weekly task with tags and a reminder,
// list overdue tasks and listen for a reminder as it falls due.
//
//   TASKWIRE_URL=http://localhost:4000/graphql npx tsx sdk/examples/quickstart.ts
//
// sdk/examples/quickstart.e2e.test.ts runs it against the whole stack and checks its results.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createTaskwireClient, isTaskwireError, type OperationData } from '../src/index.js';

type Task = OperationData<'createTask'>;
type Reminder = OperationData<'addReminder'>;
type ReminderNotification = OperationData<'reminderDue'>;

export interface QuickstartOptions {
  /** GraphQL endpoint; graphql-ws runs on the same path. */
  url: string;
  /** How long to wait for the reminder to arrive. */
  listenMs?: number;
  log?: (line: string) => void;
}

export interface QuickstartResult {
  user: OperationData<'signIn'>['user'];
  /** The access token the quickstart signed in with. */
  token: string;
  weeklyTask: Task;
  nextOccurrences: string[];
  offsetReminder: Reminder;
  billTask: Task;
  overdue: Task[];
  soonReminder: Reminder;
  /** The first reminder that fell due while listening; null when none came in time. */
  notification: ReminderNotification | null;
}

/** Runs the quickstart against `url` and returns what it created and saw. */
export async function runQuickstart({
  url,
  listenMs = 30_000,
  log = console.log,
}: QuickstartOptions): Promise<QuickstartResult> {
  const client = createTaskwireClient({ url });
  try {
    // 1. An account. signUp returns a token already; signIn is how you get one later.
    const email = `quickstart-${randomBytes(4).toString('hex')}@example.com`;
    const password = 'quickstart-Pa55word';
    await client.signUp({ email, password, name: 'Quickstart', timeZone: 'UTC' });
    const { token, user } = await client.signIn({ email, password });
    client.setToken(token);
    log(`signed in as ${user.name} <${user.email}> (${user.id})`);

    // 2. A recurring task: every Monday at 09:00, starting next Monday.
    const weeklyTask = await client.createTask({
      title: 'Weekly review',
      description: 'Look back at last week, plan the next one.',
      priority: 'HIGH',
      dueAt: nextMondayAt9Utc(new Date()),
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', timeZone: 'UTC' },
    });
    log(`created "${weeklyTask.title}" due ${weeklyTask.dueAt}, repeating ${weeklyTask.recurrence?.rrule}`);
    const detail = await client.task({ id: weeklyTask.id, nextOccurrences: 3 });
    const nextOccurrences = detail?.nextOccurrences ?? [];
    log(`  next occurrences: ${nextOccurrences.join(', ')}`);

    // 3. Tags (created on first use) and a reminder 30 minutes before each due time.
    const tagged = await client.setTaskTags({ taskId: weeklyTask.id, names: ['work', 'weekly'] });
    log(`  tags: ${(tagged.tags ?? []).map((tag) => tag.name).join(', ')}`);
    const offsetReminder = await client.addReminder({ taskId: weeklyTask.id, offsetMinutes: 30 });
    log(`  reminder ${offsetReminder.offsetMinutes} min before: at ${offsetReminder.remindAt}`);

    // 4. A task that is already overdue, and the list of overdue tasks.
    const billTask = await client.createTask({
      title: 'Pay the electricity bill',
      dueAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    const page = await client.tasks({
      filter: { overdue: true },
      sort: { field: 'DUE_AT', direction: 'ASC' },
      first: 10,
    });
    const overdue = page.edges.map((edge) => edge.node);
    log(`overdue tasks (${page.totalCount}): ${overdue.map((task) => `"${task.title}" due ${task.dueAt}`).join('; ')}`);

    // 5. Listen for reminders, then add one that falls due in a few seconds.
    const notification = new Promise<ReminderNotification | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        resolve(null);
      }, listenMs);
      const stop = client.subscribeReminders(
        (event) => {
          clearTimeout(timer);
          stop();
          resolve(event);
        },
        {
          onError: (error) => {
            clearTimeout(timer);
            stop();
            reject(error);
          },
        },
      );
    });
    const soonReminder = await client.addReminder({
      taskId: weeklyTask.id,
      remindAt: new Date(Date.now() + 5_000).toISOString(),
    });
    log(`listening for reminders (up to ${Math.round(listenMs / 1000)} s); one is due at ${soonReminder.remindAt}`);
    const received = await notification;
    log(
      received
        ? `reminder due: "${received.task.title}" (reminder ${received.reminder.id}, fired at ${received.firedAt})`
        : 'no reminder arrived in time',
    );

    return {
      user,
      token,
      weeklyTask: tagged,
      nextOccurrences,
      offsetReminder,
      billTask,
      overdue,
      soonReminder,
      notification: received,
    };
  } finally {
    await client.dispose();
  }
}

/** Next Monday 09:00 UTC strictly after `now`, as RFC 3339. */
export function nextMondayAt9Utc(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9));
  const daysAhead = (1 - day.getUTCDay() + 7) % 7 || 7;
  day.setUTCDate(day.getUTCDate() + daysAhead);
  return day.toISOString();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.TASKWIRE_URL ?? 'http://localhost:4000/graphql';
  runQuickstart({ url }).then(
    (result) => process.exit(result.notification ? 0 : 2),
    (error: unknown) => {
      console.error(
        isTaskwireError(error) ? `${error.code}${error.field ? ` (${error.field})` : ''}: ${error.message}` : error,
      );
      process.exit(1);
    },
  );
}
