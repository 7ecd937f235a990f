// The report as one download (docs/operations.md "Rapporten som en fil"): for a period (and an
// insats, a group or the whole förbund) a Word document with every table and chart under numbered
// captions, an Excel workbook with one sheet per table, and a ZIP of every chart (PNG and SVG) and
// table (CSV). The numbers are the merged report's, under the same disclosure control as the pages.
import { zipSync } from 'fflate';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { mergedReport } from './merged.js';
import type { PeriodInput } from './periods.js';
import type { Db } from '../db/database.js';
import type { Config } from '../config.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import type { InsatsRef } from '../survey/rounds.js';
import type { GroupRef } from '../survey/insatsGroups.js';
import { packageTables, type PackageTable } from '../../analysis/reportPackage.js';
import { chartSetForPeriod, type ChartFile } from '../../analysis/charts/catalogue.js';
import { tableToCsv, type CsvCell } from '../../analysis/csv.js';
import { slugify } from '../../analysis/slug.js';
import { renderAll, sharedChartRenderer } from '../charts/renderer.js';
import { workbook, sheetNames } from './xlsx.js';

type Deps = { db: Db; config: Config; surveys: SurveyRegistry };

export type PackageFormat = 'docx' | 'xlsx' | 'zip';
export const PACKAGE_FORMATS: readonly PackageFormat[] = ['docx', 'xlsx', 'zip'];

export interface ReportPackage<F extends PackageFormat = PackageFormat> {
  /** "rapport-2024-finsam-team": the files' common name. */
  baseName: string;
  files: Record<F, Buffer>;
  tables: number;
  charts: number;
}

const cellText = (v: CsvCell): string => (v === null ? '–' : typeof v === 'number' ? String(v).replace('.', ',') : v);

function docxTable(t: PackageTable): Table {
  const row = (cells: CsvCell[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (c, i) =>
          new TableCell({
            children: [
              new Paragraph({
                alignment: i > 0 && typeof c === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [new TextRun({ text: cellText(c), bold: header, size: 18 })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(t.table.headers, true), ...t.table.rows.map((r) => row(r, false))],
  });
}

async function docx(
  title: string,
  subtitle: string,
  tables: readonly PackageTable[],
  charts: readonly ChartFile[],
  pngs: readonly Buffer[],
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: subtitle }),
    new Paragraph({
      text: 'Tabellerna och diagrammen följer verktygets regler för varje siffra; en dold siffra (färre än k svarande) visas som –.',
    }),
  ];
  let section = '';
  for (const t of tables) {
    if (t.section !== section) {
      section = t.section;
      children.push(new Paragraph({ text: section, heading: HeadingLevel.HEADING_1 }));
    }
    children.push(new Paragraph({ text: t.caption, heading: HeadingLevel.HEADING_3 }), docxTable(t), new Paragraph({ text: '' }));
  }
  if (charts.length) children.push(new Paragraph({ text: 'Diagram', heading: HeadingLevel.HEADING_1 }));
  charts.forEach((c, i) => {
    // 16 cm wide at most, keeping the chart's proportions.
    const width = 600;
    const height = Math.round((width * c.size.height) / c.size.width);
    children.push(
      new Paragraph({ text: `Figur ${i + 1} ${c.title}`, heading: HeadingLevel.HEADING_3 }),
      new Paragraph({ children: [new ImageRun({ type: 'png', data: pngs[i]!, transformation: { width, height } })] }),
    );
  });
  return Packer.toBuffer(new Document({ creator: 'Finsam indikatorer', title, sections: [{ children }] }));
}

/**
 * The package in the asked formats. Only what they need is made: the workbook needs no chart, so an
 * XLSX download does not draw any; PNGs are drawn for the document and the ZIP, SVGs for the ZIP.
 */
export async function reportPackage<F extends PackageFormat>(
  deps: Deps,
  period: PeriodInput,
  insats: string | InsatsRef | null | undefined,
  group: string | GroupRef | null | undefined,
  formats: readonly F[],
): Promise<ReportPackage<F>> {
  const merged = await mergedReport(deps, period, insats ?? null, group ?? null);
  const sections = [
    ...(merged.total ? [{ name: merged.total.label, outcomes: merged.total.outcomes, surveys: merged.total.surveys }] : []),
    ...merged.insatser.map((i) => ({ name: i.insats, outcomes: i.outcomes, surveys: i.surveys, targets: i.targets })),
  ];
  const tables = packageTables(merged.period.key, merged.period.label, sections);
  const charts = chartSetForPeriod(merged);
  const wants = (f: PackageFormat) => (formats as readonly PackageFormat[]).includes(f);
  const renderer = wants('docx') || wants('zip') ? sharedChartRenderer() : null;
  const pngs = renderer ? await renderAll(renderer, charts, 'png') : [];
  const svgs = renderer && wants('zip') ? await renderAll(renderer, charts, 'svg') : [];
  const scope = merged.insats ?? merged.group ?? null;
  const baseName = ['rapport', slugify(merged.period.key.replace('..', '-')), ...(scope ? [slugify(scope)] : [])].join('-');
  const title = `Förväntat resultat och utfall ${merged.period.label}`;
  const subtitle = scope ?? 'Hela förbundet och varje insats';

  const files: Partial<Record<PackageFormat, Buffer>> = {};
  if (wants('xlsx')) {
    const names = sheetNames(tables.map((t) => t.caption.replace(/^Tabell (\d+) /, 'T$1 ')));
    files.xlsx = workbook(tables.map((t, i) => ({ name: names[i]!, table: t.table })));
  }
  if (wants('zip')) {
    const entries: Record<string, Uint8Array> = {};
    for (const t of tables) entries[`tabeller/${t.fileBase}.csv`] = tableToCsv(t.table);
    charts.forEach((c, i) => {
      // PNGs are compressed already: stored as they are.
      entries[`diagram/${c.fileName}`] = [pngs[i]!, { level: 0 }] as unknown as Uint8Array;
      entries[`diagram/${c.fileName.replace(/\.png$/, '.svg')}`] = svgs[i]!;
    });
    files.zip = Buffer.from(zipSync(entries as Parameters<typeof zipSync>[0], { level: 6 }));
  }
  if (wants('docx')) files.docx = await docx(title, subtitle, tables, charts, pngs);
  return { baseName, files: files as Record<F, Buffer>, tables: tables.length, charts: charts.length };
}
