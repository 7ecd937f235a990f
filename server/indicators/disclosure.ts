// The disclosure decision for one (period, questionnaire) tree (docs/disclosure.md): the counts per
// round × gender come from SQL GROUP BY, analysis/disclosure.ts decides every cell at once. Every
// output of a selection in the tree looks its cells up in this one decision. The tree's rounds are
// those whose span overlaps the period, each with only its part inside the period (docs/rules.md
// "Perioder"), so a decision covers exactly the numbers published for that period.
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import type { Gender } from '../../surveys/types.js';
import { yearPeriod, type Period } from '../../analysis/period.js';
import { decideDisclosure, RESPONDENTS, type DisclosureDecision, type MeasureInput } from '../../analysis/disclosure.js';
import { countedQuestions, questionMeasures, substantiveValues } from '../../analysis/indicators.js';
import { periodDatesKey, roundTreePeriod, type RoundDates } from '../../analysis/roundSpan.js';
import { partialAnswers, respondentsByRound, selectRounds, substantiveByRound, type SelectedRound } from './queries.js';
import type { CountRow } from '../../analysis/indicators.js';

/** Period trees already counted and decided while answering one request or command. */
export type DisclosureCache = Map<string, Promise<PeriodTree>>;

/**
 * One (period, questionnaire) tree: its rounds (every insats), the counts every selection in it is
 * made of, and the decision over them. The raw answers of partial rounds are read once here, for the
 * decision and for every selection of the tree alike.
 */
export interface PeriodTree {
  period: Period;
  rounds: SelectedRound[];
  /** Respondents per round and gender (whole rounds from the totals, partial ones inside the period). */
  respondents: { round_id: number; gender: Gender; n: number }[];
  /** Answers of the partial rounds inside the period, per round, question, value and gender. */
  partialAnswers: (CountRow & { round_id: number })[];
  decision: DisclosureDecision;
}

const GENDER_INDEX: Record<Gender, 0 | 1 | 2> = { kvinna: 0, man: 1, annat: 2 };

function add(map: Map<number, [number, number, number]>, roundId: number, gender: Gender, n: number) {
  let row = map.get(roundId);
  if (!row) map.set(roundId, (row = [0, 0, 0]));
  row[GENDER_INDEX[gender] ?? 2] += n;
}

type Counts = Map<number, [number, number, number]>;

/** The count tables of one (period, questionnaire): respondents and substantive answers per round and gender. */
async function countPeriod(db: Db, surveys: SurveyRegistry, period: Pick<Period, 'from' | 'to'>, instrumentId: string) {
  const rounds = await selectRounds(db, { period, instrumentId });
  const questionnaire = surveys.get(instrumentId);
  const respondentRows = await respondentsByRound(db, rounds);
  const partial = await partialAnswers(db, rounds);
  const respondents: Counts = new Map();
  for (const r of respondentRows) add(respondents, r.round_id, r.gender, r.n);
  const measures: (MeasureInput & { counts: Counts })[] = [{ id: RESPONDENTS, counts: respondents }];
  if (questionnaire) {
    // Questions without steps count nothing; the query numbers its columns in this same order.
    const counted = countedQuestions(questionnaire)
      .map((q) => ({ id: q.id, values: substantiveValues(q, surveys.scales) }))
      .filter((q) => q.values.length > 0);
    const perQuestion = new Map(counted.map((q) => [q.id, new Map() as Counts]));
    const whole = rounds.filter((r) => r.part.whole).map((r) => r.id);
    for (const r of await substantiveByRound(db, whole, counted))
      counted.forEach((q, i) => add(perQuestion.get(q.id)!, r.round_id, r.gender, r[`q${i}`] ?? 0));
    const substantive = new Map(counted.map((q) => [q.id, new Set(q.values)]));
    for (const a of partial)
      if (substantive.get(a.question_id)?.has(a.value)) add(perQuestion.get(a.question_id)!, a.round_id, a.gender, a.count);
    for (const m of questionMeasures(questionnaire)) measures.push({ ...m, counts: perQuestion.get(m.id) ?? new Map() });
  }
  return { rounds, respondentRows, partial, measures };
}

/**
 * The whole calendar years around a period ("2024-H1" → 2024; "2022-09-01..2025-12-31" → 2022–2025),
 * or null when the period is whole years already.
 */
function enclosingYears(p: Period): Pick<Period, 'from' | 'to'> | null {
  const from = `${p.from.slice(0, 4)}-01-01`;
  const to = `${p.to.slice(0, 4)}-12-31`;
  return from === p.from && to === p.to ? null : { from, to };
}

/** Per round and gender: the counts in the surrounding years minus those in the period. */
function remainderOf(outer: Counts | undefined, inner: Counts): Counts {
  const out: Counts = new Map();
  for (const [round, o] of outer ?? []) {
    const i = inner.get(round) ?? [0, 0, 0];
    out.set(round, [Math.max(0, o[0] - i[0]), Math.max(0, o[1] - i[1]), Math.max(0, o[2] - i[2])]);
  }
  return out;
}

/** The calendar years a period touches, unless it is exactly one of them (that year's own tree). */
function touchedYears(p: Period): number[] {
  const first = Number(p.from.slice(0, 4));
  const last = Number(p.to.slice(0, 4));
  if (first === last && p.from.endsWith('-01-01') && p.to.endsWith('-12-31')) return [];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

async function build(
  db: Db,
  surveys: SurveyRegistry,
  period: Period,
  instrumentId: string,
  minCell: number,
  cache: DisclosureCache,
): Promise<PeriodTree> {
  const inner = await countPeriod(db, surveys, period, instrumentId);
  let treeRounds = inner.rounds.map((r) => ({ id: r.id, insatsId: r.insats_id }));
  let measures: MeasureInput[] = inner.measures;
  // A period inside calendar years is published next to those years: what the years hold outside
  // the period (the years' figures minus this period's) must not be 1 to k−1 either. The tree takes
  // in the years' rounds, with nothing inside the period for those that lie outside it.
  const years = enclosingYears(period);
  if (years) {
    const outer = await countPeriod(db, surveys, years, instrumentId);
    // Every round overlapping the period overlaps its years, and both lists come in the same order.
    treeRounds = outer.rounds.map((r) => ({ id: r.id, insatsId: r.insats_id }));
    const outerById = new Map(outer.measures.map((m) => [m.id, m.counts]));
    measures = inner.measures.map((m) => ({ ...m, remainder: remainderOf(outerById.get(m.id), m.counts) }));
  }
  // Each calendar year the period touches is published with its own decision; a cell hidden there is
  // hidden here too, or this period's figure (with the year's other periods, or the other years of a
  // longer period) would rebuild it, e.g. the year's förbund total minus one insats's half-year.
  const yearTrees = await Promise.all(
    touchedYears(period).map((y) => periodTree(db, surveys, yearPeriod(y), instrumentId, minCell, cache)),
  );
  if (yearTrees.length)
    measures = measures.map((m) => ({ ...m, hiddenInYears: new Set(yearTrees.flatMap((t) => t.decision.hiddenCells(m.id))) }));
  const decision = decideDisclosure({ rounds: treeRounds, measures, minCell });
  return { period, rounds: inner.rounds, respondents: inner.respondentRows, partialAnswers: inner.partial, decision };
}

/** The tree of a period and questionnaire, counted and decided once per cache. */
export function periodTree(
  db: Db,
  surveys: SurveyRegistry,
  period: Period,
  instrumentId: string,
  minCell: number,
  cache?: DisclosureCache,
): Promise<PeriodTree> {
  // By the period's dates: "2024" and "2024-01-01..2024-12-31" are one tree.
  const key = `${periodDatesKey(period)}\u0000${instrumentId}\u0000${minCell}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  // The years a shorter period is decided against are kept with it (a fresh cache when none is given).
  const made = build(db, surveys, period, instrumentId, minCell, cache ?? new Map());
  cache?.set(key, made);
  return made;
}

/** The decision for every selection of a period and questionnaire. */
export async function disclosureFor(
  db: Db,
  surveys: SurveyRegistry,
  period: Period,
  instrumentId: string,
  minCell: number,
  cache?: DisclosureCache,
): Promise<DisclosureDecision> {
  return (await periodTree(db, surveys, period, instrumentId, minCell, cache)).decision;
}

/**
 * The published respondent count of each round (the rounds list and a round's page): its cell in
 * its own tree's decision (analysis/roundSpan.ts roundTreePeriod: its report year, where it counts
 * whole), so those pages cannot undo what the results hide.
 */
export async function shownRoundResponses(
  db: Db,
  surveys: SurveyRegistry,
  rounds: readonly ({ id: number; instrument_id: string } & RoundDates)[],
  minCell: number,
): Promise<Map<number, number | null>> {
  const cache: DisclosureCache = new Map();
  const out = new Map<number, number | null>();
  for (const r of rounds) {
    const decision = await disclosureFor(db, surveys, roundTreePeriod(r), r.instrument_id, minCell, cache);
    out.set(r.id, decision.cell(RESPONDENTS, `round:${r.id}`, 'total').n);
  }
  return out;
}
