// The disclosure decision for one (period, questionnaire) tree (docs/disclosure.md): the counts per
// round × gender come from SQL GROUP BY, analysis/disclosure.ts decides every cell at once. Every
// output of a selection in the tree looks its cells up in this one decision. The tree's rounds are
// those whose span overlaps the period, each with only its part inside the period (docs/rules.md
// "Perioder"), so a decision covers exactly the numbers published for that period.
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import type { Gender } from '../../surveys/types.js';
import type { Period } from '../../analysis/period.js';
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

async function build(db: Db, surveys: SurveyRegistry, period: Period, instrumentId: string, minCell: number): Promise<PeriodTree> {
  const rounds = await selectRounds(db, { period, instrumentId });
  const questionnaire = surveys.get(instrumentId);
  const respondentRows = await respondentsByRound(db, rounds);
  const partial = await partialAnswers(db, rounds);
  const respondents = new Map<number, [number, number, number]>();
  for (const r of respondentRows) add(respondents, r.round_id, r.gender, r.n);
  const measures: MeasureInput[] = [{ id: RESPONDENTS, counts: respondents }];
  if (questionnaire) {
    // Questions without steps count nothing; the query numbers its columns in this same order.
    const counted = countedQuestions(questionnaire)
      .map((q) => ({ id: q.id, values: substantiveValues(q, surveys.scales) }))
      .filter((q) => q.values.length > 0);
    const perQuestion = new Map(counted.map((q) => [q.id, new Map<number, [number, number, number]>()]));
    const whole = rounds.filter((r) => r.part.whole).map((r) => r.id);
    for (const r of await substantiveByRound(db, whole, counted))
      counted.forEach((q, i) => add(perQuestion.get(q.id)!, r.round_id, r.gender, r[`q${i}`] ?? 0));
    const substantive = new Map(counted.map((q) => [q.id, new Set(q.values)]));
    for (const a of partial)
      if (substantive.get(a.question_id)?.has(a.value)) add(perQuestion.get(a.question_id)!, a.round_id, a.gender, a.count);
    for (const m of questionMeasures(questionnaire)) measures.push({ ...m, counts: perQuestion.get(m.id) ?? new Map() });
  }
  const decision = decideDisclosure({ rounds: rounds.map((r) => ({ id: r.id, insatsId: r.insats_id })), measures, minCell });
  return { period, rounds, respondents: respondentRows, partialAnswers: partial, decision };
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
  const made = build(db, surveys, period, instrumentId, minCell);
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
