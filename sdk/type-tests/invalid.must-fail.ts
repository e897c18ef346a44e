// Must NOT compile: sdk/src/type-tests.test.ts runs tsc on it and expects exactly the errors
// announced by `// expect TSxxxx` on the line before each offending line, and no others.
import { createTaskwireClient } from '../src/index.js';

const client = createTaskwireClient({ url: 'http://localhost:4000/graphql' });

export async function invalid(): Promise<void> {
  // expect TS2322: 'SUPER' is not a Priority.
  await client.createTask({ title: 'x', priority: 'SUPER' });
  // expect TS2345: `title` is required.
  await client.createTask({ priority: 'LOW' });
  // expect TS2561: `overdew` is not a TaskFilter field.
  await client.tasks({ filter: { overdew: true } });
  // expect TS2554: `completeTask` needs its variables ({ id }).
  await client.completeTask();
  const task = await client.createTask({ title: 'y' });
  // expect TS2339: results are typed too; a Task has no `name`.
  void task.name;
}
