// The outcome page's detailed tables (gender splits, the same period a year earlier, means and
// medians, the series): the very tables the CSV downloads give (analysis/outcomeTables.ts),
// formatted for the page. Thin: no figure is computed here.
import type { Table } from '../../../analysis/csv.js';
import type { OutcomeReport } from '../../outcomes/report.js';
import type { OutcomeSeries } from '../../outcomes/series.js';
import {
  ageAtStartTable,
  backgroundTable,
  endReasonsTable,
  flowTable,
  referrersTable,
  seriesTable,
  timeInInsatsTable,
  workOrStudiesTable,
} from '../../../analysis/reportTables.js';
import { fmtNumber, fmtP, fmtPercent } from '../format.js';
import { reasonGroupsTable } from '../../../analysis/outcomeTables.js';
import type { OutcomeExtras } from '../../outcomes/extras.js';
import { memberTable } from '../../../analysis/referrers.js';
import { variableTable } from '../../../analysis/variables.js';

export interface PageTable {
  /** The CSV's name under /kansli/export/<csv>.csv. */
  csv: string;
  /** Extra query parameters of the CSV link (e.g. which variable), already encoded; '' for none. */
  params: string;
  /** The table's id on the page, unique among its tables. */
  id: string;
  title: string;
  headers: string[];
  rows: string[][];
}

/** A cell as text, by its column: percentages with "%", means and medians with one decimal, p with three. */
function cellText(header: string, value: Table['rows'][number][number]): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (header.includes('(%)') || header.includes('per kön (%)')) return fmtPercent(value);
  if (header.startsWith('p-värde') || header.includes(': p-värde')) return fmtP(value);
  if (/medel|median/.test(header)) return fmtNumber(value, 1);
  return fmtNumber(value);
}

export function pageTable(csv: string, title: string, table: Table, params = '', id = csv): PageTable {
  return {
    csv,
    params,
    id,
    title,
    headers: table.headers,
    rows: table.rows.map((row) => {
      // A row of shares in count columns ("Andel av avslutade per kön (%)") says so in its label.
      const percentRow = typeof row[0] === 'string' && row[0].endsWith('(%)');
      return row.map((v, i) => {
        if (i === 0 && typeof v === 'string') return v;
        return percentRow && typeof v === 'number' ? fmtPercent(v) : cellText(table.headers[i] ?? '', v);
      });
    }),
  };
}

/** The detailed tables of the outcome page, in page order; distributions without data are left out. */
export function outcomePageTables(report: OutcomeReport & Partial<OutcomeExtras>, series: OutcomeSeries | null): PageTable[] {
  const tables: PageTable[] = [
    pageTable('flode', 'Deltagare per kön', flowTable(report)),
    pageTable('avslutsorsaker', 'Avslutsorsaker: antal, andel av alla avslutade och andel inom varje kön', endReasonsTable(report)),
    pageTable('arbete-studier', 'Avslut till arbete eller studier', workOrStudiesTable(report)),
    pageTable('tid-i-insatsen', 'Tid i insatsen (månader) för avslutade', timeInInsatsTable(report)),
    pageTable('alder-vid-start', 'Ålder vid start (år) för nya deltagare', ageAtStartTable(report)),
  ];
  if (report.referrers.length > 0 || (report.previousPeriod?.referrers.length ?? 0) > 0)
    tables.push(pageTable('remittenter', 'Anmälande part bland nya deltagare, per kön', referrersTable(report)));
  const background = [
    ['utbildning', 'education', 'Utbildning bland nya deltagare, per kön'],
    ['aldersgrupp', 'ageGroup', 'Ålder vid start bland nya deltagare, per kön'],
    ['tid-utan-arbete', 'timeWithoutWork', 'Tid utan arbete eller studier bland nya deltagare, per kön'],
    ['boende', 'residence', 'Boende bland nya deltagare, per kön'],
  ] as const;
  for (const [csv, key, title] of background)
    if (report.background[key].length > 0 || (report.previousPeriod?.background[key].length ?? 0) > 0)
      tables.push(pageTable(csv, title, backgroundTable(report, key)));
  if (report.reasonGroups.length > 0)
    tables.splice(3, 0, pageTable('avslutsgrupper', 'Grupper av avslutsorsaker enligt kodboken', reasonGroupsTable(report)));
  const k = report.minCell;
  if (report.referrersByMember && report.referrersByMember.total.count > 0)
    tables.push(
      pageTable(
        'anmalande-part-medlem',
        'Anmälande part per medlem bland nya deltagare, per kön',
        memberTable('Medlem', report.referrersByMember, k),
      ),
    );
  for (const [i, v] of (report.variables ?? []).entries()) {
    const q = `namn=${encodeURIComponent(v.name)}`;
    if (v.started.total.count > 0)
      tables.push(
        pageTable(
          'variabel',
          `${v.name} bland nya deltagare, per kön`,
          variableTable(v.name, v.started, k),
          `${q}&bland=nya`,
          `variabel-${i}-nya`,
        ),
      );
    if (v.ended.total.count > 0)
      tables.push(
        pageTable(
          'variabel',
          `${v.name} bland avslutade, per kön`,
          variableTable(v.name, v.ended, k),
          `${q}&bland=avslutade`,
          `variabel-${i}-avslutade`,
        ),
      );
  }
  if (series) tables.push(pageTable('utfall-serie', `Serie över ${series.periods.length} perioder`, seriesTable(series)));
  return tables;
}
