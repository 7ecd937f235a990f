// Tables (page and CSV) for one indicator across respondent groups, and the export of the förbund's
// own counts for national compilation (docs/import.md "Export för nationell sammanställning").
// A hidden cell is an empty cell, with the reason in the last column. Pure.
import type { CsvCell, Table } from './csv.js';
import type { CrossGroupResult } from './crossGroup.js';

const pValue = (p: number) => Math.round(p * 1000) / 1000;

function hiddenNote(k: number): string {
  return `dold för anonymiteten (färre än ${k} svar, eller skyddar en annan dold siffra)`;
}

/** Long format: one row per period and group, then the period's two averages. */
export function crossGroupTable(r: CrossGroupResult): Table {
  const headers = [
    'Period',
    'Svarsgrupp',
    'Enkät',
    'Svarande',
    'n',
    'Positiva svar',
    'Andel positiva (%)',
    'KI låg (%)',
    'KI hög (%)',
    'Samma period året innan (%)',
    'Förändring (procentenheter)',
    'p-värde',
    'Signifikant',
    'Riket (%)',
    'Anmärkning',
  ];
  const rows: CsvCell[][] = [];
  for (const p of r.periods) {
    for (const c of p.cells) {
      const prev = c.previous;
      rows.push([
        p.period.short,
        c.groupLabel,
        c.instrument,
        c.respondents,
        c.status === 'shown' ? c.n : null,
        c.status === 'shown' ? c.positive : null,
        c.percent,
        c.ci95?.[0] ?? null,
        c.ci95?.[1] ?? null,
        prev?.percent ?? null,
        prev?.diffPoints ?? null,
        prev ? pValue(prev.fisherP) : null,
        prev ? (prev.significant ? 'ja' : 'nej') : null,
        c.national?.percent ?? null,
        c.status === 'hidden' ? hiddenNote(r.minCell) : c.status === 'none' ? 'inga svar under perioden' : null,
      ]);
    }
    const u = p.unweighted;
    rows.push([p.period.short, 'Ovägt genomsnitt', null, null, null, null, u.percent, null, null, null, null, null, null, null, u.note]);
    const w = p.weighted;
    rows.push([
      p.period.short,
      'Vägt genomsnitt (efter antal svar)',
      null,
      null,
      w.n,
      w.positive,
      w.percent,
      w.ci95?.[0] ?? null,
      w.ci95?.[1] ?? null,
      w.previous?.percent ?? null,
      w.previous?.diffPoints ?? null,
      w.previous ? pValue(w.previous.fisherP) : null,
      w.previous ? (w.previous.significant ? 'ja' : 'nej') : null,
      null,
      w.note,
    ]);
  }
  return { headers, rows };
}

/** One row of the export for national compilation: one indicator key, group, questionnaire and year. */
export interface NationalExportRow {
  indicator: string;
  year: number;
  respondentGroup: string;
  groupLabel: string;
  instrument: string;
  /** Null when hidden by the disclosure control. */
  respondents: number | null;
  n: number | null;
  positive: number | null;
}

export const NATIONAL_EXPORT_HEADERS = ['Indikator', 'År', 'Grupp', 'Grupp-id', 'Enkät', 'Svarande', 'Svar (n)', 'Positiva svar'];

/** Counts only, no percentages: a hidden cell is left empty (docs/import.md). */
export function nationalExportTable(rows: readonly NationalExportRow[]): Table {
  return {
    headers: NATIONAL_EXPORT_HEADERS,
    rows: rows.map((r) => [r.indicator, r.year, r.groupLabel, r.respondentGroup, r.instrument, r.respondents, r.n, r.positive]),
  };
}
