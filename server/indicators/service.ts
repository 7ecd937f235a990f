// Indicator results for a selection: one round, or insats × period × questionnaire, or all insatser
// × period × questionnaire. SQL counts (queries.ts) in, analysis/indicators.ts does the arithmetic.
// A period counts the responses whose effective date lies in it (docs/rules.md "Perioder").
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { buildIndicators, type CountRow, type IndicatorResult } from '../../analysis/indicators.js';
import type { Gender } from '../../surveys/types.js';
import { percentHalfUp } from '../../analysis/rounding.js';
import { answerTotals, selectRounds, textAnswers, type SelectedRound } from './queries.js';
import { periodTree, type DisclosureCache, type PeriodTree } from './disclosure.js';
import { effectiveMinCell, RESPONDENTS, selectionView, type DisclosureDecision } from '../../analysis/disclosure.js';
import { endedInPeriod, enrolledInPeriod, participantsInSpans } from '../outcomes/queries.js';
import { FORBUND_INSATS, resolveInsats, type InsatsRef, type InvitedBasis } from '../survey/rounds.js';
import { UserError } from '../errors.js';
import { resolvePeriod, type Period, type PeriodInput } from '../report/periods.js';
import { previousYear } from '../../analysis/period.js';
import { roundPart, roundSpan, roundTreePeriod } from '../../analysis/roundSpan.js';

const periodInfo = (p: Period) => ({ from: p.from, to: p.to, key: p.key, label: p.label });

/** Shown instead of a response rate for a round that runs partly outside the period (docs/rules.md "Perioder"). */
export const PARTIAL_ROUND_NOTE = 'omgången sträcker sig utanför perioden: ingen svarsfrekvens';

export interface RoundResponseRate {
  roundId: number;
  /** The insats's name, or "Förbundet" for a round of the förbund itself (then insatsId is null). */
  insats: string;
  insatsId: number | null;
  instrument: string;
  period: string;
  year: number;
  /** The round's span: its dates, else its report year's first and last day. */
  span: { from: string; to: string };
  /** Whether the span lies inside the selected period; only then does the round have a response rate. */
  withinPeriod: boolean;
  /** Null when hidden by the disclosure control (docs/disclosure.md); the rate is then hidden too. */
  respondents: number | null;
  invited: number | null;
  /** 'entered' by the kansli, or 'derived' from the participant register (invitedBasis says how). */
  invitedSource: 'entered' | 'derived' | null;
  /** The basis of the rate (docs/rules.md "Svarsfrekvens"), null when the round has none. */
  invitedBasis: InvitedBasis | null;
  /** The basis in Swedish, for the page and the CSV: "avslutade deltagare under omgången". */
  basisLabel: string | null;
  percent: number | null;
  /** Why a round has no response rate here (PARTIAL_ROUND_NOTE), else null. */
  note: string | null;
  /** When there are more answers than the basis: why no rate is shown and what to enter instead. */
  warning: string | null;
}

const BASIS_LABEL: Record<InvitedBasis, string> = {
  entered: 'angivet antal tillfrågade',
  subgroup: 'delgrupp',
  ended: 'deltagare som avslutats under omgången',
  enrolled: 'deltagare inskrivna under omgången',
};

function basisLabel(basis: InvitedBasis, note: string | null): string {
  return basis === 'subgroup' && note ? `delgrupp: ${note}` : BASIS_LABEL[basis];
}

/**
 * The basis of a participant round without an entered count (docs/rules.md "Svarsfrekvens"): those
 * who ended in the round's period for rounds at avslut, those enrolled during it for rounds during
 * the insats. Other groups have no register to count from.
 */
export function defaultBasis(group: string | undefined): InvitedBasis | null {
  return group === 'deltagare-avslut' ? 'ended' : group === 'deltagare-pagaende' ? 'enrolled' : null;
}

/**
 * The invited of a whole selection: entered counts add up, but a participant is invited once per
 * insats however many rounds derive their basis from the register (docs/rules.md "Svarsfrekvens"):
 * two participant rounds of one insats and year count the insats's ended participants once, over
 * the union of the rounds' spans.
 */
async function selectionInvited(db: Db, rates: readonly RoundResponseRate[]): Promise<number> {
  let total = 0;
  const derived = new Map<string, { insatsId: number; basis: 'ended' | 'enrolled'; spans: { from: string; to: string }[] }>();
  for (const r of rates) {
    if ((r.invitedBasis === 'ended' || r.invitedBasis === 'enrolled') && r.insatsId !== null) {
      const key = `${r.insatsId}|${r.invitedBasis}`;
      const d = derived.get(key) ?? { insatsId: r.insatsId, basis: r.invitedBasis, spans: [] };
      d.spans.push(r.span);
      derived.set(key, d);
    } else total += r.invited ?? 0;
  }
  for (const d of derived.values()) total += await participantsInSpans(db, d.insatsId, d.basis, d.spans);
  return total;
}

/** The warning for more answers than the basis: no rate, and what to enter instead. */
function overflowWarning(basis: InvitedBasis): string {
  const what =
    basis === 'ended'
      ? 'Fler har svarat än antalet deltagare som avslutats under omgången, så underlaget passar inte (svarade också deltagare som inte avslutats?).'
      : basis === 'enrolled'
        ? 'Fler har svarat än antalet deltagare som var inskrivna under omgången, så underlaget passar inte.'
        : 'Fler har svarat än det angivna antalet tillfrågade.';
  return `${what} Ingen svarsfrekvens visas. Ange under Enkätomgångar hur många som faktiskt fick enkäten.`;
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
    /** The calendar year of a whole-year period, or a round's report year; else null. */
    year: number | null;
    /** The period of the selection; a round's is its own tree's (its report year, or its span when it runs over a year's end). */
    period: { from: string; to: string; key: string; label: string } | null;
    insats: string | null;
    instrument: string;
    title: string;
  };
  rounds: RoundResponseRate[];
}

/**
 * Response rates per round. A round's respondent count is a published number like any other: it is
 * shown only where the round's cell in its tree's decision is shown, and its rate with it. A round
 * that runs partly outside the period counts only its answers inside it, and gets no rate: part of
 * a round has no invited count.
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
    const span = roundSpan(r);
    const row = {
      roundId: r.id,
      insats: r.insats_name,
      insatsId: r.insats_id === FORBUND_INSATS.id ? null : r.insats_id,
      instrument: r.instrument_id,
      period: r.period,
      year: r.year,
      span,
      withinPeriod: r.part.whole,
      respondents: cell.n,
    };
    if (!r.part.whole) {
      out.push({
        ...row,
        invited: null,
        invitedSource: null,
        invitedBasis: null,
        basisLabel: null,
        percent: null,
        note: PARTIAL_ROUND_NOTE,
        warning: null,
      });
      continue;
    }
    const group = surveys.get(r.instrument_id, r.instrument_version)?.respondentGroup;
    // The basis as set, else the entered count, else the group's register basis (defaultBasis).
    // The förbund's own rounds have no register basis (survey/rounds.ts refuses to set one).
    const registerBasis = r.insats_id === FORBUND_INSATS.id ? null : defaultBasis(group);
    const basis: InvitedBasis | null = r.invited_basis ?? (r.invited !== null ? 'entered' : registerBasis);
    let invited = r.invited;
    if (basis === 'ended') invited = await endedInPeriod(db, r.insats_id, span.from, span.to);
    if (basis === 'enrolled') invited = await enrolledInPeriod(db, r.insats_id, span.from, span.to);
    const source: RoundResponseRate['invitedSource'] =
      basis === null ? null : basis === 'ended' || basis === 'enrolled' ? 'derived' : 'entered';
    // More answers than the basis: the basis does not fit the round, and no rate above 100 % is
    // ever shown; the warning says what to enter instead (docs/rules.md "Svarsfrekvens").
    const overflow = invited !== null && r.responses > invited;
    out.push({
      ...row,
      invited,
      invitedSource: source,
      invitedBasis: basis,
      basisLabel: basis === null ? null : basisLabel(basis, r.invited_note),
      percent: invited && !cell.suppressed && !overflow ? percentHalfUp(r.responses, invited) : null,
      note: null,
      warning: overflow && !cell.suppressed ? overflowWarning(basis!) : null,
    });
  }
  return out;
}

/** What a selection counts in one period: its rounds (with their parts) within the period's tree, and its node. */
export interface PeriodSelection {
  period: Period;
  tree: PeriodTree;
  rounds: SelectedRound[];
  node: string;
}

/** A node of a counted tree: all, one insats or one round. */
function selectionIn(tree: PeriodTree, where: { insatsId: number | null } | { roundId: number }): PeriodSelection {
  const rounds =
    'roundId' in where
      ? tree.rounds.filter((r) => r.id === where.roundId)
      : tree.rounds.filter((r) => where.insatsId === null || r.insats_id === where.insatsId);
  const node = 'roundId' in where ? `round:${where.roundId}` : where.insatsId !== null ? `insats:${where.insatsId}` : 'all';
  return { period: tree.period, tree, rounds, node };
}

/**
 * Insats (or all) × period × questionnaire in that period's tree. With `nullWhenEmpty`, null when the
 * selection has no rounds there (the tree is then not counted at all).
 */
export async function periodSelection(
  db: Db,
  surveys: SurveyRegistry,
  sel: { period: Period; insatsId: number | null; instrumentId: string },
  minCell: number,
  cache?: DisclosureCache,
  opts: { nullWhenEmpty?: boolean } = {},
): Promise<PeriodSelection | null> {
  if (
    opts.nullWhenEmpty &&
    (await selectRounds(db, { period: sel.period, insatsId: sel.insatsId, instrumentId: sel.instrumentId })).length === 0
  )
    return null;
  const tree = await periodTree(db, surveys, sel.period, sel.instrumentId, minCell, cache);
  return selectionIn(tree, { insatsId: sel.insatsId });
}

/** The counts of a selection and its view of the tree's decision: one consistent set of inputs. */
export async function selectionInputs(db: Db, s: PeriodSelection) {
  const ids = new Set(s.rounds.map((r) => r.id));
  const respondents: Record<Gender, number> = { kvinna: 0, man: 0, annat: 0 };
  for (const r of s.tree.respondents) if (ids.has(r.round_id)) respondents[r.gender] += r.n;
  // Whole rounds from the running totals; partial ones from the tree's one pass over their answers.
  const counts: CountRow[] = await answerTotals(
    db,
    s.rounds.filter((r) => r.part.whole).map((r) => r.id),
  );
  for (const a of s.tree.partialAnswers)
    if (ids.has(a.round_id)) counts.push({ question_id: a.question_id, value: a.value, gender: a.gender, count: a.count });
  return { respondents, counts, disclosure: selectionView(s.tree.decision, s.node) };
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
  let current: PeriodSelection;
  let year: number | null;
  if (sel.roundId !== undefined) {
    const round = (await selectRounds(db, { roundId: sel.roundId }))[0];
    if (!round) throw new UserError(`Enkätomgång ${sel.roundId} finns inte.`, 404);
    instrumentId = round.instrument_id;
    year = round.year;
    insats = round.insats_id === FORBUND_INSATS.id ? FORBUND_INSATS : { id: round.insats_id, name: round.insats_name };
    // The round's own tree, where it counts whole (analysis/roundSpan.ts).
    const tree = await periodTree(db, surveys, roundTreePeriod(round), instrumentId, minCell, opts.cache);
    current = selectionIn(tree, { roundId: round.id });
  } else {
    const periodInput = sel.period ?? sel.year;
    if (periodInput === undefined) throw new UserError('Ange en period (t.ex. 2024 eller 2024-H1) eller en enkätomgång.');
    if (!instrumentId) throw new UserError('Ange vilken enkät resultaten gäller.');
    const period = await resolvePeriod(db, periodInput, insats && insats.id !== FORBUND_INSATS.id ? [insats.id] : null);
    year = period.kind === 'year' ? Number(period.from.slice(0, 4)) : null;
    current = (await periodSelection(db, surveys, { period, insatsId: insats?.id ?? null, instrumentId }, minCell, opts.cache))!;
  }
  // The newest version of the questionnaire defines the questions; answers to questions that a
  // version dropped are not shown.
  const questionnaire = surveys.get(instrumentId!);
  if (!questionnaire) throw new UserError(`Enkäten "${instrumentId}" finns inte.`, 404);
  const rates = await roundResponseRates(db, surveys, current.rounds, current.tree.decision);
  // A rate for the selection only when every round lies inside the period and has an invited count.
  // A round with more answers than its basis has none (also when its count is hidden and no warning is shown).
  const invitedKnown = rates.every(
    (r, i) => r.withinPeriod && r.invited !== null && r.warning === null && current.rounds[i]!.responses <= r.invited,
  );
  const invited = rates.length && invitedKnown ? await selectionInvited(db, rates) : null;

  // The same selection in the same period one year earlier, in that period's own tree.
  let previous = null;
  if (sel.roundId === undefined) {
    const prev = await periodSelection(
      db,
      surveys,
      { period: previousYear(current.period), insatsId: insats?.id ?? null, instrumentId: instrumentId! },
      minCell,
      opts.cache,
      { nullWhenEmpty: true },
    );
    if (prev) previous = await selectionInputs(db, prev);
  }
  const result = buildIndicators({
    questionnaire,
    scales: surveys.scales,
    ...(await selectionInputs(db, current)),
    invited,
    previous,
    minCell,
  });
  return {
    selection: {
      roundId: sel.roundId ?? null,
      year,
      period: periodInfo(current.period),
      insats: insats?.name ?? null,
      instrument: questionnaire.id,
      title: questionnaire.title,
    },
    ...result,
    rounds: rates,
  };
}

/**
 * The free texts a selection may show: from its rounds with at least k respondents within the
 * period, and of a partial round only the answers inside it (docs/disclosure.md).
 */
export async function selectionTexts(db: Db, result: SelectionResult, minCell: number) {
  const period = result.selection.period!;
  const rounds = result.rounds.map((r) => ({ id: r.roundId, part: roundPart(r.span, period) ?? { whole: true as const } }));
  return textAnswers(db, rounds, { minRoundRespondents: effectiveMinCell(minCell) });
}

/** The questionnaires that have rounds overlapping a period (for one insats or all). */
export async function instrumentsInPeriod(db: Db, period: Pick<Period, 'from' | 'to'>, insatsId: number | null): Promise<string[]> {
  const rounds = await selectRounds(db, { period, insatsId });
  return [...new Set(rounds.map((r) => r.instrument_id))].sort();
}
