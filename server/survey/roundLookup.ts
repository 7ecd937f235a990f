// Rounds by their public token, for the survey pages: each participant makes two requests (the form
// and its answers) that both need the round, so under load a short-lived in-process copy saves a
// database read per request. A change to a round (closing it, new dates, another insats name) is
// seen by the public pages within MAX_AGE_MS, also when the change comes from the command line.
import type { Db } from '../db/database.js';
import { findRoundByToken, type Round } from './rounds.js';

const MAX_AGE_MS = 1000;
const MAX_ENTRIES = 2000;

export interface RoundLookup {
  byToken(token: string): Promise<Round | undefined>;
}

export function createRoundLookup(db: Db, clock: () => number = Date.now): RoundLookup {
  const cache = new Map<string, { at: number; round: Promise<Round | undefined> }>();
  return {
    byToken(token) {
      const now = clock();
      const hit = cache.get(token);
      if (hit && now - hit.at < MAX_AGE_MS) return hit.round;
      const round = findRoundByToken(db, token);
      cache.delete(token);
      cache.set(token, { at: now, round });
      // A failed read is not kept; unknown tokens are, briefly, so guessing costs no extra reads.
      round.catch(() => cache.delete(token));
      while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      return round;
    },
  };
}
