// Every number a selection publishes (its JSON and the CSV tables built from it), each with the
// respondents it counts, for the property tests of the disclosure control (docs/disclosure.md).
import fc from 'fast-check';
import type { SelectionResult } from '../../server/indicators/service.js';
import { distributionTable, indicatorTable, responseRateTable } from '../../analysis/reportTables.js';
import type { Table } from '../../analysis/csv.js';
import type { FakeResponse } from './helpers.js';
import { GENDERS, type Gender } from '../../surveys/types.js';

const COLS = ['total', 'women', 'men', 'other'] as const;
type Col = (typeof COLS)[number];

export const responseArb: fc.Arbitrary<FakeResponse> = fc
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

/** Which answers count as substantive for each question (their steps, not vet-ej). */
export const SUBSTANTIVE: Record<string, (v: string | undefined) => boolean> = {
  '@respondents': () => true,
  nytta: (v) => v !== undefined && /^[1-6]$/.test(v),
  behov_kontakt: (v) => v === 'ja' || v === 'nej',
  stod_kontakt: (v) => v !== undefined && /^[1-6]$/.test(v),
};

export interface Published {
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
export function publishedOf(r: SelectionResult, rounds: number[], where: string): Published[] {
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
  // The indicator table lists the quality indicators only (docs/rules.md "Frågornas roller").
  const share = r.questions.filter((q) => q.role === 'indicator');
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
