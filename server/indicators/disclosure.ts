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
import { respondentsByRound, selectRounds, substantiveByRound } from './queries.js';

/** Decisions already made while answering one request or command, by period, questionnaire and k. */
export type DisclosureCache = Map<string, Promise<DisclosureDecision>>;

const GENDER_INDEX: Record<Gender, 0 | 1 | 2> = { kvinna: 0, man: 1, annat: 2 };

function add(map: Map<number, [number, number, number]>, roundId: number, gender: Gender, n: number) {
  let row = map.get(roundId);
  if (!row) map.set(roundId, (row = [0, 0, 0]));
  row[GENDER_INDEX[gender] ?? 2] += n;
}

async function decide(db: Db, surveys: SurveyRegistry, period: Period, instrumentId: string, minCell: number): Promise<DisclosureDecision> {
  const rounds = await selectRounds(db, { period, instrumentId });
  const questionnaire = surveys.get(instrumentId);
  const respondents = new Map<number, [number, number, number]>();
  for (const r of await respondentsByRound(db, rounds)) add(respondents, r.round_id, r.gender, r.n);
  const measures: MeasureInput[] = [{ id: RESPONDENTS, counts: respondents }];
  if (questionnaire) {
    // Questions without steps count nothing; the query numbers its columns in this same order.
    const counted = countedQuestions(questionnaire)
      .map((q) => ({ id: q.id, values: substantiveValues(q, surveys.scales) }))
      .filter((q) => q.values.length > 0);
    const perQuestion = new Map(counted.map((q) => [q.id, new Map<number, [number, number, number]>()]));
    for (const r of await substantiveByRound(db, rounds, counted))
      counted.forEach((q, i) => add(perQuestion.get(q.id)!, r.round_id, r.gender, r[`q${i}`] ?? 0));
    for (const m of questionMeasures(questionnaire)) measures.push({ ...m, counts: perQuestion.get(m.id) ?? new Map() });
  }
  return decideDisclosure({ rounds: rounds.map((r) => ({ id: r.id, insatsId: r.insats_id })), measures, minCell });
}

/** The decision for every selection of a period and questionnaire, made once per cache. */
export function disclosureFor(
  db: Db,
  surveys: SurveyRegistry,
  period: Period,
  instrumentId: string,
  minCell: number,
  cache?: DisclosureCache,
): Promise<DisclosureDecision> {
  // By the period's dates: "2024" and "2024-01-01..2024-12-31" are one tree.
  const key = `${periodDatesKey(period)}\u0000${instrumentId}\u0000${minCell}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  const made = decide(db, surveys, period, instrumentId, minCell);
  cache?.set(key, made);
  return made;
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
