// Property test of the disclosure control for a period that cuts rounds (docs/rules.md "Perioder",
// docs/disclosure.md): random rounds with and without dates, answers dated inside and outside their
// spans. For the first half-year, every selection (förbund, each insats) and every round row is
// checked against the truth under the effective-date rule, and no published number, no difference
// of two nested published numbers and no year-minus-half-year difference, of one selection or of a
// selection inside another (the förbund's year minus one insats's half-year), is 1..k−1.
// Fixed seed, bounded runs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb, makeRound, surveys } from '../helpers.js';
import { indicatorsFor } from '../../server/indicators/service.js';
import { addResponses, type FakeResponse } from './helpers.js';
import { publishedOf, responseArb, SUBSTANTIVE, type Published } from './published.js';

const SEED = 23112026;
const INSTRUMENT = 'nns-deltagare-avslut';
const PERIOD = { key: '2024-H1', from: '2024-01-01', to: '2024-06-30' };
const SPANS: [string | null, string | null][] = [
  [null, null],
  ['2024-03-01', '2024-08-31'],
  ['2024-01-15', '2024-05-31'],
  ['2024-07-01', '2024-12-31'],
  ['2023-11-01', '2024-02-29'],
];
const DATES = ['2023-12-15', '2024-02-10', '2024-04-01', '2024-06-30', '2024-07-01', '2024-09-15', '2025-01-05'];

const datedArb = fc.record({ r: responseArb, date: fc.constantFrom(...DATES) }).map(({ r, date }) => ({ ...r, submittedOn: date }));
const roundArb = fc.record({ span: fc.integer({ min: 0, max: SPANS.length - 1 }), responses: fc.array(datedArb, { maxLength: 12 }) });
const dbArb = fc.record({
  k: fc.integer({ min: 3, max: 5 }),
  insatser: fc.array(fc.array(roundArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
});

/** The effective date (submitted_on clamped into the span) lies in the period. */
function inPeriod(date: string, [opens, closes]: [string | null, string | null]): boolean {
  const from = opens ?? '2024-01-01';
  const to = closes ?? '2024-12-31';
  const effective = date < from ? from : date > to ? to : date;
  return effective >= PERIOD.from && effective <= PERIOD.to;
}

describe('published numbers for a half-year on random databases with dated rounds', () => {
  it('count the answers by effective date and contain no group of 1..k−1, alone or as a nested difference', async () => {
    await fc.assert(
      fc.asyncProperty(dbArb, async ({ k, insatser }) => {
        const db = await freshDb();
        try {
          const truth = new Map<number, FakeResponse[]>();
          const byInsats: { name: string; rounds: number[] }[] = [];
          for (const [i, rounds] of insatser.entries()) {
            const name = `Insats ${i + 1}`;
            const ids: number[] = [];
            for (const [j, { span, responses }] of rounds.entries()) {
              const [opensOn, closesOn] = SPANS[span]!;
              const round = await makeRound(db, { insats: name, period: `P${j + 1} 2024`, year: 2024, opensOn, closesOn });
              await addResponses(db, round.id, responses);
              truth.set(
                round.id,
                responses.filter((r) => inPeriod(r.submittedOn!, SPANS[span]!)),
              );
              ids.push(round.id);
            }
            byInsats.push({ name, rounds: ids });
          }
          const published: Published[] = [];
          const cache = new Map();
          const sel = async (insats: string | null, where: string) => {
            const r = await indicatorsFor(db, surveys, { period: PERIOD.key, insats, instrument: INSTRUMENT }, k, { cache });
            // The selection's rounds are those overlapping the period (the rest have no answers in it anyway).
            published.push(
              ...publishedOf(
                r,
                r.rounds.map((x) => x.roundId),
                where,
              ),
            );
          };
          await sel(null, 'förbund');
          for (const i of byInsats) await sel(i.name, i.name);
          // The year around the half-year, published next to it: the same selection's year figure
          // minus its half-year figure (what the year holds outside the half) must not be 1..k−1.
          const year: Published[] = [];
          for (const [insats, where] of [[null, 'förbund'], ...byInsats.map((i) => [i.name, i.name])] as [string | null, string][]) {
            const r = await indicatorsFor(db, surveys, { period: '2024', insats, instrument: INSTRUMENT }, k, { cache });
            year.push(
              ...publishedOf(
                r,
                r.rounds.map((x) => x.roundId),
                where,
              ),
            );
          }
          for (const y of year) {
            const h = published.find(
              (p) =>
                p.measure === y.measure &&
                p.where === y.where &&
                p.rounds.join() === y.rounds.join() &&
                p.genders.join() === y.genders.join(),
            );
            if (!h) continue;
            const d = y.value - h.value;
            expect(d > 0 && d < k, `${y.measure} ${y.where}: 2024 (${y.value}) − 2024-H1 (${h.value})`).toBe(false);
          }
          // Across selections too: a year figure minus the half-year figure of a selection inside it
          // (the förbund's year minus one insats's half-year) counts the others' year and this one's
          // second half, a real group of respondents that must not be 1..k−1 either.
          for (const y of year)
            for (const h of published) {
              if (h.measure !== y.measure || h.where === y.where) continue;
              const inside = h.rounds.every((r) => y.rounds.includes(r)) && h.genders.every((g) => y.genders.includes(g));
              if (!inside) continue;
              const d = y.value - h.value;
              expect(d > 0 && d < k, `${y.measure}: ${y.where} 2024 (${y.value}) − ${h.where} 2024-H1 (${h.value})`).toBe(false);
            }
          const trueValue = (p: Published) =>
            p.rounds.reduce(
              (s, r) =>
                s +
                (truth.get(r) ?? []).filter(
                  (x) => p.genders.includes(x.gender) && (SUBSTANTIVE[p.measure] ?? (() => false))(x.answers?.[p.measure]),
                ).length,
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
