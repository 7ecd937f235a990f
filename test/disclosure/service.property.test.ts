// Property test of the whole chain on random small databases (docs/disclosure.md): every selection
// of a year's questionnaire (förbund, each insats, each round) through the service, its JSON and the
// CSV tables built from it. Every number that is published anywhere is collected with the set of
// respondents it counts; then no published number is 1..k−1 and no difference of two nested
// published numbers is 1..k−1. Fixed seed, bounded runs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb, makeRound, surveys } from '../helpers.js';
import { indicatorsFor } from '../../server/indicators/service.js';
import { FORBUND_INSATS, type InsatsRef } from '../../server/survey/rounds.js';
import { addResponses, type FakeResponse } from './helpers.js';
import { publishedOf, responseArb, SUBSTANTIVE, type Published } from './published.js';

const SEED = 9112026;
const INSTRUMENT = 'nns-deltagare-avslut';
const dbArb = fc.record({
  k: fc.integer({ min: 3, max: 5 }),
  insatser: fc.array(fc.array(fc.array(responseArb, { maxLength: 12 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  // Whether the first "insats" is the förbund's own rounds (no insats; the pseudo-insats node).
  forbund: fc.boolean(),
});

describe('published numbers of every selection on random databases', () => {
  it('contain no group of 1..k−1 respondents, alone or as a difference of two nested numbers', async () => {
    await fc.assert(
      fc.asyncProperty(dbArb, async ({ k, insatser, forbund }) => {
        const db = await freshDb();
        try {
          const truth = new Map<number, FakeResponse[]>();
          const byInsats: { name: string; ref: string | InsatsRef; rounds: number[] }[] = [];
          for (const [i, rounds] of insatser.entries()) {
            const own = forbund && i === 0;
            const name = own ? FORBUND_INSATS.name : `Insats ${i + 1}`;
            const ids: number[] = [];
            for (const [j, responses] of rounds.entries()) {
              const round = await makeRound(db, { insats: name, period: `P${j + 1} 2024`, ...(own ? { insatsId: null } : {}) });
              await addResponses(db, round.id, responses);
              truth.set(round.id, responses);
              ids.push(round.id);
            }
            byInsats.push({ name, ref: own ? FORBUND_INSATS : name, rounds: ids });
          }
          const all = byInsats.flatMap((i) => i.rounds);
          const published: Published[] = [];
          const sel = async (s: Parameters<typeof indicatorsFor>[2], rounds: number[], where: string) =>
            published.push(...publishedOf(await indicatorsFor(db, surveys, s, k), rounds, where));
          await sel({ year: 2024, instrument: INSTRUMENT }, all, 'förbund');
          for (const i of byInsats) {
            await sel({ year: 2024, insats: i.ref, instrument: INSTRUMENT }, i.rounds, i.name);
            for (const r of i.rounds) await sel({ roundId: r }, [r], `round ${r}`);
          }
          const trueValue = (p: Published) =>
            p.rounds.reduce(
              (s, r) =>
                s +
                truth
                  .get(r)!
                  .filter((x) => p.genders.includes(x.gender) && (SUBSTANTIVE[p.measure] ?? (() => false))(x.answers?.[p.measure])).length,
              0,
            );
          for (const p of published) {
            expect(p.value, `${p.measure} ${p.where}`).toBe(trueValue(p));
            expect(p.value > 0 && p.value < k, `${p.measure} ${p.where} = ${p.value}`).toBe(false);
          }
          for (const a of published)
            for (const b of published) {
              if (a.measure !== b.measure || a === b) continue;
              const nested = b.rounds.every((r) => a.rounds.includes(r)) && b.genders.every((g) => a.genders.includes(g));
              if (!nested) continue;
              const d = a.value - b.value;
              expect(d > 0 && d < k, `${a.measure}: ${a.where} (${a.value}) − ${b.where} (${b.value})`).toBe(false);
            }
        } finally {
          await db.close();
        }
      }),
      { seed: SEED, numRuns: 25 },
    );
  }, 120_000);
});
