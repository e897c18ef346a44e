// A script as an SDK user writes it, in a project of its own that installed the packed SDK
// (sdk/examples/quickstart.e2e.test.ts copies it there, type-checks it with tsc and runs it):
//
//   node check.js http://localhost:4000/graphql
//
// It imports only the package's public entry point, so it checks what `npm pack` ships.
import { createTaskwireClient, isTaskwireError, type OperationData } from '@taskwire/sdk';

// The project has no @types/node: Node's `process` is reached through globalThis.
const { argv } = (globalThis as unknown as { process: { argv: string[] } }).process;

type Task = OperationData<'createTask'>;

const url = argv[2] ?? 'http://localhost:4000/graphql';
const client = createTaskwireClient({ url });
const email = `installed-${Date.now()}-${Math.random().toString(16).slice(2, 10)}@example.com`;
const { token, user } = await client.signUp({
  email,
  password: 'installed-Pa55word',
  name: 'Installed',
  timeZone: 'UTC',
});
client.setToken(token);

const created: Task[] = [];
for (const title of ['first', 'second', 'third']) created.push(await client.createTask({ title }));

// Every page of the connection, two tasks at a time.
const titles: string[] = [];
let pageCount = 0;
for await (const page of client.pages('tasks', { first: 2, sort: { field: 'CREATED_AT', direction: 'ASC' } })) {
  pageCount += 1;
  titles.push(...page.edges.map((edge) => edge.node.title));
}

// An aborted call rejects with ABORTED.
const controller = new AbortController();
controller.abort();
const aborted = await client.me({ signal: controller.signal }).then(
  () => false,
  (error: unknown) => isTaskwireError(error, 'ABORTED'),
);

// @ts-expect-error -- the declarations are typed: `titel` is not a CreateTaskInput field.
void (() => client.createTask({ titel: 'typo' }));

console.log(JSON.stringify({ userId: user.id, created: created.length, titles, pageCount, aborted }));
await client.dispose();
