// Property test of the whole chain on random small databases (docs/disclosure.md): every selection
// of a year's questionnaire (förbund, each insats, each round) through the service, its JSON and the
// CSV tables built from it. Every number that is published anywhere is collected with the set of
// respondents it counts; then no published number is 1..k−1 and no difference of two nested
// published numbers is 1..k−1. Fixed seed, bounded runs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb, makeRound, surveys } from '../helpers.js';
import { indicatorsFor, type SelectionResult } from '../../server/indicators/service.js';
import { distributionTable, indicatorTable, responseRateTable } from '../../analysis/reportTables.js';
import type { Table } from '../../analysis/csv.js';
import { addResponses, type FakeResponse } from './helpers.js';
import { GENDERS, type Gender } from '../../surveys/types.js';

const SEED = 9112026;
const INSTRUMENT = 'nns-deltagare-avslut';
const COLS = ['total', 'women', 'men', 'other'] as const;
type Col = (typeof COLS)[number];

const responseArb: fc.Arbitrary<FakeResponse> = fc
  .record({
    gender: fc.constantFrom<Gender>('kvinna', 'kvinna', 'man', 'man', 'annat'),
    nytta: fc.constantFrom('1', '4', '6', 'vet-ej', ''),
    behov: fc.constantFrom('ja', 'nej', ''),
    stod: fc.constantFrom('2', '5', 'vet-ej', ''),
  })
  .map(({ gender, nytta, behov, stod }) => {
    const answers: Record<string, string> = {};
    if (nytta) answers.nytta = nytta;
    if (behov) answers.behov_kontakt = behov;
    if (behov === 'ja' && stod) answers.stod_kontakt = stod; // the follow-up is only shown after "ja"
    return { gender, answers };
  });

const dbArb = fc.record({
  k: fc.integer({ min: 3, max: 5 }),
  insatser: fc.array(fc.array(fc.array(responseArb, { maxLength: 12 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
});

/** Which answers count as substantive for each question (their steps, not vet-ej). */
const SUBSTANTIVE: Record<string, (v: string | undefined) => boolean> = {
  '@respondents': () => true,
  nytta: (v) => v !== undefined && /^[1-6]$/.test(v),
  behov_kontakt: (v) => v === 'ja' || v === 'nej',
  stod_kontakt: (v) => v !== undefined && /^[1-6]$/.test(v),
};

interface Published {
  measure: string;
  where: string;
  /** Round ids and genders the number counts. */
  rounds: number[];
  genders: Gender[];
  value: number;
}

const colGenders = (c: Col): readonly Gender[] =>
  c === 'total' ? GENDERS : [({ women: 'kvinna', men: 'man', other: 'annat' } as const)[c]];

function column(table: Table, header: string): (string | number | null)[] {
  const i = table.headers.indexOf(header);
  return i < 0 ? [] : table.rows.map((r) => r[i] ?? null);
}

/** Every count a selection publishes: the JSON (the service result) and the CSV tables built from it. */
function publishedOf(r: SelectionResult, rounds: number[], where: string): Published[] {
  const out: Published[] = [];
  const add = (measure: string, c: Col, value: number | null | undefined, rs = rounds, w = where) => {
    if (typeof value === 'number') out.push({ measure, where: `${w} ${c}`, rounds: rs, genders: [...colGenders(c)], value });
  };
  add('@respondents', 'total', r.respondents);
  add('@respondents', 'total', r.responseRate.respondents);
  add('@respondents', 'women', r.respondentsByGender.women);
  add('@respondents', 'men', r.respondentsByGender.men);
  add('@respondents', 'other', r.respondentsByGender.other);
  for (const x of r.rounds) add('@respondents', 'total', x.respondents, [x.roundId], `round ${x.roundId} (rate)`);
  for (const q of r.questions) {
    add(q.id, 'total', q.n);
    add(q.id, 'women', q.byGender.women.n);
    add(q.id, 'men', q.byGender.men.n);
    add(q.id, 'other', q.byGender.other.n);
  }
  // CSV: every count column must be one of the numbers above (read back, so a table cannot publish more).
  const ind = indicatorTable(r);
  const share = r.questions.filter((q) => q.type === 'scale' || q.type === 'yesno');
  const cols: [string, Col][] = [
    ['n', 'total'],
    ['Kvinnor n', 'women'],
    ['Män n', 'men'],
    ['Annat/ej angivet n', 'other'],
  ];
  for (const [header, c] of cols) column(ind, header).forEach((v, i) => add(share[i]!.id, c, v as number | null, rounds, `${where} csv`));
  const dist = distributionTable(r);
  dist.rows.forEach((row) => {
    if (row[1] !== 'Totalt') return;
    const q = r.questions.find((x) => x.text === row[0])!;
    add(q.id, 'total', row[2] as number | null, rounds, `${where} csv`);
  });
  column(responseRateTable(r.rounds), 'Svar').forEach((v, i) =>
    add('@respondents', 'total', v as number | null, [r.rounds[i]!.roundId], `${where} csv`),
  );
  return out;
}

describe('published numbers of every selection on random databases', () => {
  it('contain no group of 1..k−1 respondents, alone or as a difference of two nested numbers', async () => {
    await fc.assert(
      fc.asyncProperty(dbArb, async ({ k, insatser }) => {
        const db = await freshDb();
        try {
          const truth = new Map<number, FakeResponse[]>();
          const byInsats: { name: string; rounds: number[] }[] = [];
          for (const [i, rounds] of insatser.entries()) {
            const name = `Insats ${i + 1}`;
            const ids: number[] = [];
            for (const [j, responses] of rounds.entries()) {
              const round = await makeRound(db, { insats: name, period: `P${j + 1} 2024` });
              await addResponses(db, round.id, responses);
              truth.set(round.id, responses);
              ids.push(round.id);
            }
            byInsats.push({ name, rounds: ids });
          }
          const all = byInsats.flatMap((i) => i.rounds);
          const published: Published[] = [];
          const sel = async (s: Parameters<typeof indicatorsFor>[2], rounds: number[], where: string) =>
            published.push(...publishedOf(await indicatorsFor(db, surveys, s, k), rounds, where));
          await sel({ year: 2024, instrument: INSTRUMENT }, all, 'förbund');
          for (const i of byInsats) {
            await sel({ year: 2024, insats: i.name, instrument: INSTRUMENT }, i.rounds, i.name);
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
