// Indicator results for a selection: one round, or insats × year × questionnaire, or all insatser ×
// year × questionnaire. SQL counts (queries.ts) in, analysis/indicators.ts does the arithmetic.
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { buildIndicators, type IndicatorResult } from '../../analysis/indicators.js';
import { percentHalfUp } from '../../analysis/rounding.js';
import { answerCounts, respondentCounts, selectRounds, type SelectedRound } from './queries.js';
import { disclosureFor, type DisclosureCache } from './disclosure.js';
import { RESPONDENTS, selectionView, type DisclosureDecision } from '../../analysis/disclosure.js';
import { endedInPeriod } from '../outcomes/queries.js';
import { resolveInsats, type InsatsRef } from '../survey/rounds.js';
import { UserError } from '../errors.js';
import { resolvePeriod, type Period, type PeriodInput } from '../report/periods.js';
import { yearPeriod } from '../../analysis/period.js';

const periodInfo = (p: Period) => ({ from: p.from, to: p.to, key: p.key, label: p.label });

export interface RoundResponseRate {
  roundId: number;
  insats: string;
  instrument: string;
  period: string;
  year: number;
  /** Null when hidden by the disclosure control (docs/disclosure.md); the rate is then hidden too. */
  respondents: number | null;
  invited: number | null;
  /** 'entered' by the kansli, or 'derived' from participants whose episode ended in the round's period. */
  invitedSource: 'entered' | 'derived' | null;
  percent: number | null;
}

export interface IndicatorSelection {
  roundId?: number;
  /** The period (docs/rules.md "Perioder"); `year` alone is the synonym for a calendar year. */
  period?: PeriodInput;
  year?: number;
  /** A name (looked up), or an insats already resolved by the caller. */
  insats?: string | InsatsRef | null;
  instrument?: string;
}

export interface SelectionResult extends IndicatorResult {
  selection: {
    roundId: number | null;
    year: number | null;
    /** The period of the selection; a round's is its report year. */
    period: { from: string; to: string; key: string; label: string } | null;
    insats: string | null;
    instrument: string;
    title: string;
  };
  rounds: RoundResponseRate[];
}

/** The period a participant-avslut round covers: its dates, else its report year. */
function roundPeriod(r: SelectedRound): { from: string; to: string } {
  return { from: r.opens_on ?? `${r.year}-01-01`, to: r.closes_on ?? `${r.year}-12-31` };
}

/**
 * Response rates per round. A round's respondent count is a published number like any other: it is
 * shown only where the round's cell in its tree's decision is shown, and its rate with it.
 */
export async function roundResponseRates(
  db: Db,
  surveys: SurveyRegistry,
  rounds: SelectedRound[],
  decision: DisclosureDecision,
): Promise<RoundResponseRate[]> {
  const out: RoundResponseRate[] = [];
  for (const r of rounds) {
    const cell = decision.cell(RESPONDENTS, `round:${r.id}`, 'total');
    let invited = r.invited;
    let source: RoundResponseRate['invitedSource'] = invited === null ? null : 'entered';
    const group = surveys.get(r.instrument_id, r.instrument_version)?.respondentGroup;
    if (invited === null && group === 'deltagare-avslut') {
      const { from, to } = roundPeriod(r);
      invited = await endedInPeriod(db, r.insats_id, from, to);
      source = 'derived';
    }
    out.push({
      roundId: r.id,
      insats: r.insats_name,
      instrument: r.instrument_id,
      period: r.period,
      year: r.year,
      respondents: cell.n,
      invited,
      invitedSource: source,
      percent: invited && !cell.suppressed ? percentHalfUp(r.responses, invited) : null,
    });
  }
  return out;
}

export async function indicatorsFor(
  db: Db,
  surveys: SurveyRegistry,
  sel: IndicatorSelection,
  minCell: number,
  opts: { cache?: DisclosureCache } = {},
): Promise<SelectionResult> {
  let instrumentId = sel.instrument;
  let insats = await resolveInsats(db, sel.insats);
  const periodInput = sel.period ?? sel.year;
  const period: Period | null = periodInput ? await resolvePeriod(db, periodInput, insats ? [insats.id] : null) : null;
  if (period && period.kind !== 'year')
    throw new UserError(`Enkätresultat kan ännu bara visas för hela kalenderår, inte för ${period.label}. Välj ett år.`);
  let year = period ? Number(period.from.slice(0, 4)) : null;
  let rounds: SelectedRound[];
  if (sel.roundId !== undefined) {
    rounds = await selectRounds(db, { roundId: sel.roundId });
    const round = rounds[0];
    if (!round) throw new UserError(`Enkätomgång ${sel.roundId} finns inte.`, 404);
    instrumentId = round.instrument_id;
    year = round.year;
    insats = { id: round.insats_id, name: round.insats_name };
  } else {
    if (year === null) throw new UserError('Ange en period (t.ex. 2024) eller en enkätomgång.');
    if (!instrumentId) throw new UserError('Ange vilken enkät resultaten gäller.');
    rounds = await selectRounds(db, { year, insatsId: insats?.id ?? null, instrumentId });
  }
  // The newest version of the questionnaire defines the questions; answers to questions that a
  // version dropped are not shown.
  const questionnaire = surveys.get(instrumentId!);
  if (!questionnaire) throw new UserError(`Enkäten "${instrumentId}" finns inte.`, 404);
  const ids = rounds.map((r) => r.id);
  // One decision for the whole (year, questionnaire) tree; this selection is one node of it.
  const decision = await disclosureFor(db, surveys, year!, instrumentId!, minCell, opts.cache);
  const node = sel.roundId !== undefined ? `round:${sel.roundId}` : insats ? `insats:${insats.id}` : 'all';
  const rates = await roundResponseRates(db, surveys, rounds, decision);
  const invitedKnown = rates.every((r) => r.invited !== null);
  const invited = rates.length && invitedKnown ? rates.reduce((a, r) => a + (r.invited ?? 0), 0) : null;

  let previous = null;
  if (sel.roundId === undefined && year !== null) {
    const prevRounds = await selectRounds(db, { year: year - 1, insatsId: insats?.id ?? null, instrumentId: instrumentId! });
    if (prevRounds.length) {
      const prevIds = prevRounds.map((r) => r.id);
      const prevDecision = await disclosureFor(db, surveys, year - 1, instrumentId!, minCell, opts.cache);
      previous = {
        respondents: await respondentCounts(db, prevIds),
        counts: await answerCounts(db, prevIds),
        disclosure: selectionView(prevDecision, node),
      };
    }
  }
  const result = buildIndicators({
    questionnaire,
    scales: surveys.scales,
    respondents: await respondentCounts(db, ids),
    counts: await answerCounts(db, ids),
    invited,
    previous,
    minCell,
    disclosure: selectionView(decision, node),
  });
  return {
    selection: {
      roundId: sel.roundId ?? null,
      year,
      period: period ? periodInfo(period) : year !== null ? periodInfo(yearPeriod(year)) : null,
      insats: insats?.name ?? null,
      instrument: questionnaire.id,
      title: questionnaire.title,
    },
    ...result,
    rounds: rates,
  };
}

/** The questionnaires that have rounds in a period (for one insats or all). */
export async function instrumentsInPeriod(db: Db, period: Period, insatsId: number | null): Promise<string[]> {
  // Rounds are kept per calendar year; until answers are selected by date, a whole year only.
  return period.kind === 'year' ? instrumentsInYear(db, Number(period.from.slice(0, 4)), insatsId) : [];
}

/** The questionnaires that have rounds in a year (for one insats or all). */
export async function instrumentsInYear(db: Db, year: number, insatsId: number | null): Promise<string[]> {
  const rows = await db.all<{ instrument_id: string }>(
    `SELECT DISTINCT instrument_id FROM rounds WHERE year = ? ${insatsId != null ? 'AND insats_id = ?' : ''} ORDER BY instrument_id`,
    insatsId != null ? [year, insatsId] : [year],
  );
  return rows.map((r) => r.instrument_id);
}
