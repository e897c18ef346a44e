import { describe, expect, it } from 'vitest';
import { actorName } from './TaskHistory';

const me = { id: 'u1', name: 'Erika' };
const names = new Map([['u2', 'Ben']]);

describe('who made a change, in the history', () => {
  it('the user, a member by name or as "a member", a deleted account, or the system', () => {
    const by = (actor: { id: string } | null, actorDeleted = false) =>
      actorName({ actor, actorDeleted }, { me, names });
    expect(by({ id: 'u1' })).toBe('Erika');
    expect(by({ id: 'u2' })).toBe('Ben');
    expect(by({ id: 'u3' })).toBe('a member');
    expect(by(null, true)).toBe('a deleted user');
    expect(by(null)).toBe('System');
  });
});
