// The report tables behind the CSV downloads (indicators, response rates, outcomes, targets), as
// { headers, rows } for analysis/csv.ts. Pure.
//
// The builders only lay out figures that analysis/ has already rounded and suppressed (docs/rules.md):
// a suppressed figure is an empty cell, and a note column says why.

import { isIndicator } from '../surveys/types.js';
import type { IndicatorResult, QuestionResult, Cell } from './indicators.js';
import { GENDER_LABEL } from './gender.js';
import type { TargetEvaluation } from './attainment.js';
import type { CsvCell, Table } from './csv.js';
import type { IndicatorSeriesResult } from './indicatorSeries.js';

// ---------------------------------------------------------------------------------------------
// Helpers

/** One note for every hidden figure; primary and complementary cells are not told apart (docs/disclosure.md). */
function hiddenNote(k: number): string {
  return `dold för anonymiteten (färre än ${k} svar, eller skyddar en annan dold siffra)`;
}

function cellNote(who: string, c: Cell, k: number): string | null {
  if (!c.suppressed) return null;
  return `${who} ${hiddenNote(k)}`;
}

function shownN(c: Cell): number | null {
  return c.suppressed ? null : c.n;
}

function shownPercent(c: Cell): number | null {
  return c.suppressed ? null : c.percent;
}

/** A p-value to three significant digits. */
function pValue(p: number): number {
  return Number(p.toPrecision(3));
}

const GENDER_HEADERS = GENDER_LABEL;

// ---------------------------------------------------------------------------------------------
// Indicators

function hasOther(result: IndicatorResult): boolean {
  // A hidden count (null) is non-empty.
  return result.respondentsByGender.other !== 0 || result.questions.some((q) => q.byGender.other.n !== 0);
}

function shareQuestions(result: IndicatorResult): QuestionResult[] {
  return result.questions.filter((q) => isIndicator(q));
}

/**
 * One row per question with a share positive: n, share, 95 % interval, "vet ej", per gender, the
 * previous year and the change with Fisher's p. Suppressed figures are empty; the last column says
 * which were hidden and why. The columns for annat/ej angivet appear when that group is non-empty.
 */
export function indicatorTable(result: IndicatorResult): Table {
  const k = result.minCell;
  const other = hasOther(result);
  const headers = [
    'Fråga',
    'n',
    'Andel positiva (%)',
    'KI låg (%)',
    'KI hög (%)',
    'Vet ej',
    'Kvinnor n',
    'Kvinnor andel positiva (%)',
    'Män n',
    'Män andel positiva (%)',
    ...(other ? ['Annat/ej angivet n', 'Annat/ej angivet andel positiva (%)'] : []),
    'Förra året (%)',
    'Förändring (procentenheter)',
    'p-värde',
    'Signifikant',
    'Anmärkning',
  ];
  const rows = shareQuestions(result).map((q): CsvCell[] => {
    const notes: string[] = [];
    if (q.suppressed) notes.push(hiddenNote(k));
    else
      for (const g of ['women', 'men', ...(other ? (['other'] as const) : [])] as const) {
        const note = cellNote(GENDER_HEADERS[g].toLowerCase(), q.byGender[g], k);
        if (note) notes.push(note);
      }
    if (!q.suppressed && q.n === 0) notes.push('inga svar');
    const prev = q.previous;
    return [
      q.text,
      q.suppressed ? null : q.n,
      q.suppressed ? null : q.percent,
      q.suppressed ? null : (q.ci95?.[0] ?? null),
      q.suppressed ? null : (q.ci95?.[1] ?? null),
      q.dontKnow,
      shownN(q.byGender.women),
      shownPercent(q.byGender.women),
      shownN(q.byGender.men),
      shownPercent(q.byGender.men),
      ...(other ? [shownN(q.byGender.other), shownPercent(q.byGender.other)] : []),
      prev?.percent ?? null,
      prev?.diffPoints ?? null,
      prev ? pValue(prev.fisherP) : null,
      prev ? (prev.significant ? 'ja' : 'nej') : null,
      notes.length ? notes.join('; ') : null,
    ];
  });
  return { headers, rows };
}

/** Long format: one row per question and answer step (scales differ between questions). */
export function distributionTable(result: IndicatorResult): Table {
  const k = result.minCell;
  const headers = ['Fråga', 'Svarsalternativ', 'Antal', 'Andel (%)', 'Anmärkning'];
  const rows: CsvCell[][] = [];
  for (const q of result.questions) {
    if (q.distribution.length === 0) continue;
    const note = q.suppressed ? hiddenNote(k) : null;
    for (const step of q.distribution) {
      rows.push([q.text, step.label, q.suppressed ? null : step.count, q.suppressed ? null : step.percent, note]);
    }
    rows.push([q.text, 'Totalt', q.suppressed ? null : q.n, q.suppressed || q.n === 0 ? null : 100, note]);
    if (q.dontKnow !== null && q.dontKnow > 0) {
      rows.push([q.text, 'Vet ej/Ej aktuellt (ingår inte i andelarna)', q.dontKnow, null, null]);
    }
  }
  return { headers, rows };
}

/**
 * An indicator series in long format: one row per question and period (oldest first), with n, the
 * share and its interval, and the change from the period before with Fisher's p. A hidden figure is
 * empty and noted; a change is given only where both periods' figures are shown.
 */
export function indicatorSeriesTable(series: IndicatorSeriesResult): Table {
  const k = series.minCell;
  const headers = [
    'Fråga',
    'Period',
    'Från',
    'Till',
    'n',
    'Andel positiva (%)',
    'KI låg (%)',
    'KI hög (%)',
    'Förändring från föregående period (procentenheter)',
    'p-värde',
    'Signifikant',
    'Anmärkning',
  ];
  const rows: CsvCell[][] = [];
  for (const q of series.questions) {
    series.periods.forEach((p, i) => {
      const c = q.cells[i]!;
      const ch = i > 0 ? q.changes[i - 1]! : null;
      rows.push([
        q.text,
        p.short,
        p.from,
        p.to,
        c.suppressed ? null : c.n,
        c.suppressed ? null : c.percent,
        c.suppressed ? null : (c.ci95?.[0] ?? null),
        c.suppressed ? null : (c.ci95?.[1] ?? null),
        ch?.diffPoints ?? null,
        ch ? pValue(ch.fisherP) : null,
        ch ? (ch.significant ? 'ja' : 'nej') : null,
        c.suppressed ? hiddenNote(k) : c.n === 0 ? 'inga svar' : null,
      ]);
    });
  }
  return { headers, rows };
}

// ---------------------------------------------------------------------------------------------
// Response rates

export interface RoundRateRow {
  insats: string;
  instrument?: string;
  period: string;
  year?: number;
  /** Null when hidden (docs/disclosure.md). */
  respondents: number | null;
  invited: number | null;
  invitedSource?: 'entered' | 'derived' | null;
  percent: number | null;
  /** Why the round has no rate in this period (it runs partly outside it), else null. */
  note?: string | null;
  /** The basis in Swedish ("deltagare som avslutats under omgången"). */
  basisLabel?: string | null;
  /** Why no rate is shown although there is a basis (more answers than the basis). */
  warning?: string | null;
}

const INVITED_SOURCE = {
  entered: 'angivet',
  derived: 'deltagare som avslutats under perioden',
} as const;

/** One row per survey round. `titles` maps a questionnaire id to its title. */
export function responseRateTable(rounds: readonly RoundRateRow[], titles: Record<string, string> = {}): Table {
  return {
    headers: ['Insats', 'Enkät', 'Period', 'År', 'Svar', 'Inbjudna', 'Antal inbjudna enligt', 'Svarsfrekvens (%)', 'Anmärkning'],
    rows: rounds.map((r) => [
      r.insats,
      r.instrument === undefined ? null : (titles[r.instrument] ?? r.instrument),
      r.period,
      r.year ?? null,
      r.respondents,
      r.invited,
      r.basisLabel ?? (r.invitedSource ? INVITED_SOURCE[r.invitedSource] : null),
      r.percent,
      [r.note, r.warning].filter(Boolean).join(' ') || null,
    ]),
  };
}

// ---------------------------------------------------------------------------------------------
// Outcomes: the participant register's tables live in ./outcomeTables.ts.

export {
  ageAtStartTable,
  backgroundTable,
  endReasonsTable,
  flowTable,
  genderDistributionTable,
  referrersTable,
  seriesTable,
  timeInInsatsTable,
  workOrStudiesTable,
} from './outcomeTables.js';

// ---------------------------------------------------------------------------------------------
// Targets ("Förväntat resultat och utfall")

export interface TargetRow extends TargetEvaluation {
  label: string;
  kind: 'count' | 'percent';
  direction?: 'atLeast' | 'atMost';
  mode?: 'value' | 'band' | 'change' | 'shrink';
  previous?: number | null;
  note?: string | null;
  outcomeSource?: 'computed' | 'manual';
}

/** "högst %", "antal", "intervall %", "förändring p.e.": how the target value is to be read. */
function targetUnit(t: TargetRow): string {
  const unit = t.kind === 'percent' ? '%' : 'antal';
  switch (t.mode ?? 'value') {
    case 'band':
      return `intervall ${unit}`;
    case 'change':
      return `${unit}, förändring mot föregående år`;
    case 'shrink':
      return 'p.e., skillnad ska minska';
    default:
      return t.direction === 'atMost' ? `högst ${unit}` : unit;
  }
}

/**
 * Mål, enhet, målvärde (a band's low end; the value a change leads to), övre gräns, samma period
 * föregående år, utfall, skillnad (procentenheter for percent targets), måluppfyllelse, the rule
 * used and a remark. An outcome that is unknown or hidden leaves utfall, skillnad and
 * måluppfyllelse empty.
 */
export function targetsTable(targets: readonly TargetRow[]): Table {
  return {
    headers: [
      'Mål',
      'Enhet',
      'Målvärde',
      'Övre gräns',
      'Samma period föregående år',
      'Utfall',
      'Skillnad (antal eller procentenheter)',
      'Måluppfyllelse',
      'Regel',
      'Anmärkning',
    ],
    rows: targets.map((t) => [
      t.label,
      targetUnit(t),
      t.target,
      t.targetHigh,
      t.previous ?? null,
      t.outcome,
      t.difference,
      t.attainment,
      t.rule,
      [
        t.outcomeSource === 'manual' ? 'utfallet är inskrivet för hand' : null,
        t.note ?? null,
        t.outcome === null && !t.note ? 'utfall saknas eller är dolt (färre än k)' : null,
      ]
        .filter(Boolean)
        .join('; ') || null,
    ]),
  };
}
