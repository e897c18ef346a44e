import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allTopics, deadLetterTopic, eventContract, eventTypes } from './contract.js';

/** schema/EVENTS.md documents the contract; these keep the two equal in both directions. */
const doc = readFileSync(new URL('../../../schema/EVENTS.md', import.meta.url), 'utf8');

/** `topic type vN` for every `### \`type\` vN` heading, by the `## \`topic\`` section it is in. */
function documentedEvents(): string[] {
  const found: string[] = [];
  let topic: string | null = null;
  for (const line of doc.split('\n')) {
    const section = /^## (?:`([^`]+)`)?/.exec(line);
    if (section) topic = section[1] ?? null;
    const heading = /^### `([^`]+)` v(\d+)\b/.exec(line);
    if (heading) found.push(`${topic} ${heading[1]} v${heading[2]}`);
  }
  return found.sort();
}

/** Every backticked name in the first column of the "## Topics" table. */
function documentedTopics(): string[] {
  const section = doc.split(/^## /m).find((s) => s.startsWith('Topics'))!;
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)).sort();
}

describe('schema/EVENTS.md', () => {
  it('documents every event type and version of the contract under its topic, and nothing else', () => {
    const contract = eventTypes.map((t) => `${eventContract[t].topic} ${t} v${eventContract[t].version}`).sort();
    expect(documentedEvents()).toEqual(contract);
  });

  it('lists every topic and dead-letter topic of the contract, and no other', () => {
    expect(documentedTopics()).toEqual([...allTopics, ...allTopics.map(deadLetterTopic)].sort());
  });
});
