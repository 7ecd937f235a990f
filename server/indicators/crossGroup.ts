// One indicator key across respondent groups and periods (docs/rules.md "Indikatorer över
// svarsgrupper"). Each group's cell is taken from indicatorsFor on that group's own questionnaire,
// so it is exactly the figure (or the hidden cell) that the group's own results publish, decided in
// that (period, questionnaire) tree (docs/disclosure.md). analysis/crossGroup.ts does the averages.
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { UserError } from '../errors.js';
import { indicatorsFor } from './service.js';
import type { DisclosureCache } from './disclosure.js';
import { resolveInsats, type InsatsRef } from '../survey/rounds.js';
import { resolvePeriod, type PeriodInput } from '../report/periods.js';
import { previousYear, yearPeriod, type Period } from '../../analysis/period.js';
import {
  GROUP_ORDER,
  MAX_CROSS_PERIODS,
  referenceYear,
  RESPONDENT_GROUP_LABEL,
  unweightedAverage,
  weightedAverage,
  weightedComparison,
  yearApartPeriods,
  type CrossGroupPeriod,
  type CrossGroupResult,
  type GroupCell,
  type IndicatorKey,
} from '../../analysis/crossGroup.js';
import { effectiveMinCell } from '../../analysis/disclosure.js';
import type { NationalExportRow } from '../../analysis/crossGroupTables.js';
import { nationalReferences } from './national.js';

/** Every indicator key of the loaded questionnaires, sorted by key. */
export function indicatorKeys(surveys: SurveyRegistry): IndicatorKey[] {
  const byKey = new Map<string, IndicatorKey>();
  for (const q of surveys.latest()) {
    for (const question of q.questions) {
      if (!question.indicator) continue;
      let entry = byKey.get(question.indicator);
      if (!entry) byKey.set(question.indicator, (entry = { key: question.indicator, text: question.text, groups: [] }));
      entry.groups.push({
        instrument: q.id,
        title: q.title,
        respondentGroup: q.respondentGroup,
        groupLabel: RESPONDENT_GROUP_LABEL[q.respondentGroup],
        questionId: question.id,
      });
    }
  }
  // Groups in the reports' order (board, managers, staff …); two questionnaires of one group by id.
  const rank = (g: IndicatorKey['groups'][number]) => GROUP_ORDER.indexOf(g.respondentGroup);
  for (const k of byKey.values()) {
    k.groups.sort((a, b) => rank(a) - rank(b) || a.instrument.localeCompare(b.instrument));
    // Labelled by the first questionnaire in that order, whatever order they were loaded in.
    const first = k.groups[0]!;
    k.text = surveys.get(first.instrument)!.questions.find((x) => x.id === first.questionId)!.text;
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The key's entry, or a 404 that says where to pick one. */
export function findIndicatorKey(surveys: SurveyRegistry, key: string): IndicatorKey {
  const found = indicatorKeys(surveys).find((k) => k.key === key);
  if (!found)
    throw new UserError(
      `Indikatorn "${key.slice(0, 60)}" finns inte i någon enkät. Välj en indikator i listan (finsam indicators --across-groups utan --indicator listar dem).`,
      404,
    );
  return found;
}

export interface CrossGroupSelection {
  indicator: string;
  period: PeriodInput;
  /** Periods side by side, a year apart, ending with `period` (1–5). */
  count?: number;
  insats?: string | InsatsRef | null;
}

export function checkPeriodCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CROSS_PERIODS)
    throw new UserError(`Antalet perioder ska vara ett heltal från 1 till ${MAX_CROSS_PERIODS}.`);
  return count;
}

/** One group's cell in one period, from its own questionnaire's results. */
async function groupCell(
  db: Db,
  surveys: SurveyRegistry,
  group: IndicatorKey['groups'][number],
  period: Period,
  insats: InsatsRef | null,
  minCell: number,
  cache: DisclosureCache,
): Promise<GroupCell> {
  const r = await indicatorsFor(db, surveys, { period, insats, instrument: group.instrument }, minCell, { cache });
  const q = r.questions.find((x) => x.id === group.questionId);
  const base = {
    instrument: group.instrument,
    respondentGroup: group.respondentGroup,
    groupLabel: group.groupLabel,
    questionId: group.questionId,
    national: null,
  };
  const empty = { n: null, positive: null, percent: null, ci95: null, previous: null };
  // No answers at all in the period (or none to this question): the group takes no part.
  if (!q || r.respondents === 0 || (!q.suppressed && q.n === 0)) {
    const counted = q && !q.suppressed ? { n: q.n, positive: q.positive } : {};
    return { ...base, ...empty, ...counted, status: 'none', respondents: r.respondents, reason: null };
  }
  if (q.suppressed || q.percent === null) return { ...base, ...empty, status: 'hidden', respondents: r.respondents, reason: q.reason };
  return {
    ...base,
    status: 'shown',
    respondents: r.respondents,
    n: q.n,
    positive: q.positive,
    percent: q.percent,
    ci95: q.ci95,
    reason: null,
    previous: q.previous,
  };
}

export async function crossGroupFor(
  db: Db,
  surveys: SurveyRegistry,
  sel: CrossGroupSelection,
  minCell: number,
  opts: { cache?: DisclosureCache } = {},
): Promise<CrossGroupResult> {
  const key = findIndicatorKey(surveys, sel.indicator);
  const count = checkPeriodCount(sel.count ?? 1);
  const insats = await resolveInsats(db, sel.insats);
  const last = await resolvePeriod(db, sel.period, insats ? [insats.id] : null);
  const periods = yearApartPeriods(last, count);
  const cache = opts.cache ?? new Map();
  const national = await nationalReferences(db, key.key);

  const cellsOf = async (p: Period) => {
    const cells: GroupCell[] = [];
    for (const g of key.groups) cells.push(await groupCell(db, surveys, g, p, insats, minCell, cache));
    return cells;
  };
  // The year before the oldest period too, for the weighted average's comparison.
  let before = await cellsOf(previousYear(periods[0]!));
  const out: CrossGroupPeriod[] = [];
  for (const p of periods) {
    const cells = await cellsOf(p);
    const year = referenceYear(p);
    if (year !== null) for (const c of cells) c.national = national.get(`${year}|${c.respondentGroup}`) ?? null;
    out.push({
      period: { key: p.key, label: p.label, short: p.short, from: p.from, to: p.to },
      year,
      cells,
      unweighted: unweightedAverage(cells),
      weighted: { ...weightedAverage(cells), previous: weightedComparison(cells, before) },
    });
    before = cells;
  }
  // A questionnaire nobody answered in any of the periods (a group the förbund does not survey) is
  // left out, so the comparison shows the groups that are there; the averages left it out already.
  const keep = key.groups.map((_, i) => out.some((p) => p.cells[i]!.status !== 'none'));
  return {
    indicator: { key: key.key, text: key.text },
    insats: insats?.name ?? null,
    minCell: effectiveMinCell(minCell),
    groups: key.groups.filter((_, i) => keep[i]),
    periods: out.map((p) => ({ ...p, cells: p.cells.filter((_, i) => keep[i]) })),
  };
}

/**
 * The förbund's own counts for national compilation, per indicator key, group (questionnaire) and
 * calendar year, for all insatser together: counts only, each as published in that group's own
 * results, so a hidden cell is empty (docs/import.md "Export för nationell sammanställning").
 * Groups without respondents in the year are left out.
 */
export async function nationalExport(db: Db, surveys: SurveyRegistry, year: number, minCell: number): Promise<NationalExportRow[]> {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new UserError('Ange året med fyra siffror, t.ex. 2024.');
  const cache: DisclosureCache = new Map();
  const period = yearPeriod(year);
  const out: NationalExportRow[] = [];
  for (const key of indicatorKeys(surveys)) {
    for (const g of key.groups) {
      const c = await groupCell(db, surveys, g, period, null, minCell, cache);
      if (c.respondents === 0) continue;
      out.push({
        indicator: key.key,
        year,
        respondentGroup: g.respondentGroup,
        groupLabel: g.groupLabel,
        instrument: g.instrument,
        respondents: c.respondents,
        n: c.status === 'hidden' ? null : c.n,
        positive: c.status === 'hidden' ? null : c.positive,
      });
    }
  }
  return out;
}
