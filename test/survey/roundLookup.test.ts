// The public pages' round look-up: one database read per token and second, never older than that.
import { describe, expect, it, vi } from 'vitest';
import { createRoundLookup } from '../../server/survey/roundLookup.js';
import { freshDb, makeRound } from '../helpers.js';

describe('round look-up by token', () => {
  it('reads a round once per second at most and sees changes after that', async () => {
    const db = await freshDb();
    const round = await makeRound(db);
    let now = 1_000_000;
    const lookup = createRoundLookup(db, () => now);
    const reads = vi.spyOn(db, 'first');
    expect((await lookup.byToken(round.token))?.closed).toBe(0);
    await db.run('UPDATE rounds SET closed = 1 WHERE id = ?', [round.id]);
    now += 999;
    expect((await lookup.byToken(round.token))?.closed).toBe(0);
    expect(reads).toHaveBeenCalledTimes(1);
    now += 1;
    expect((await lookup.byToken(round.token))?.closed).toBe(1);
    expect(reads).toHaveBeenCalledTimes(2);
    expect(await lookup.byToken('x'.repeat(32))).toBeUndefined();
    await db.close();
  });
});
