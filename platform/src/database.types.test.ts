// Checked by `npm run typecheck` (tsc compiles this file): each `@ts-expect-error` fails the
// typecheck if the line it marks ever compiles.
import type { ColumnType, Generated } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type { NewRow } from './database.js';

interface ExampleTable {
  id: Generated<string>;
  title: string;
  note: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  search: ColumnType<string, never, never>;
}

describe('NewRow', () => {
  it('requires nullable columns, leaves defaulted ones optional and generated ones out', () => {
    expectTypeOf<NewRow<ExampleTable>>().toEqualTypeOf<{
      title: string;
      note: string | null;
      id?: string | undefined;
      created_at?: Date | undefined;
    }>();
    // @ts-expect-error a nullable column cannot be forgotten
    const forgotten: NewRow<ExampleTable> = { title: 't' };
    // @ts-expect-error a column PostgreSQL generates cannot be written
    const generated: NewRow<ExampleTable> = { title: 't', note: null, search: 'x' };
    expectTypeOf([forgotten, generated]).not.toBeNever();
  });
});
