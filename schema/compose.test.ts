import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSchemaPath, composeSupergraph, supergraphPath } from './compose.js';

describe('schema pipeline', () => {
  it('composes every subgraph without errors or unaccepted hints', () => {
    const { hints } = composeSupergraph();
    expect(hints).toEqual([]);
  });

  it('has an up-to-date schema/supergraph.graphql (run `npm run compose`)', () => {
    const committed = readFileSync(supergraphPath, 'utf8').replace(/^#.*\n/, '');
    expect(committed).toBe(composeSupergraph().supergraphSdl);
  });

  it('has an up-to-date schema/api.graphql without federation internals', () => {
    const committed = readFileSync(apiSchemaPath, 'utf8').replace(/^#.*\n/, '');
    expect(committed).toBe(composeSupergraph().apiSdl);
    expect(committed).not.toMatch(/_entities|join__|_Service/);
    expect(committed).toMatch(/type Subscription/);
  });
});
