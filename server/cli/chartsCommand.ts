// finsam charts --period PERIOD [--insats NAMN | --group GRUPP] --out <mapp> [--format png|svg|both]:
// every chart of the period's merged report and each survey's series as PNG and/or SVG (the shared renderer, sizes from suggestedChartSize), with
// readable ASCII file names.
import fs from 'node:fs';
import path from 'node:path';
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { insatsOrGroup, parse, periodOption, requireOption } from './args.js';
import { mergedReport } from '../report/merged.js';
import { outcomeSeriesFor } from '../outcomes/series.js';
import { chartSetForPeriod } from '../../analysis/charts/catalogue.js';
import { renderAll, sharedChartRenderer, type ChartFormat } from '../charts/renderer.js';
import { indicatorSeries, type IndicatorSeries } from '../indicators/series.js';
import { UserError } from '../errors.js';

const CHARTS_USAGE = 'finsam charts (--period PERIOD | --year ÅÅÅÅ) [--insats NAMN | --group GRUPP] --out <mapp> [--format png|svg|both]';
const FORMATS: Readonly<Record<string, readonly ChartFormat[]>> = { png: ['png'], svg: ['svg'], both: ['png', 'svg'] };

export async function chartsCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      period: { type: 'string' },
      year: { type: 'string' },
      insats: { type: 'string' },
      group: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
    },
    CHARTS_USAGE,
  );
  if (positionals.length > 0) throw new CliError(`För många argument.\nAnvändning: ${CHARTS_USAGE}`, 2);
  const period = periodOption(values, CHARTS_USAGE);
  const { insats, group } = insatsOrGroup(values, CHARTS_USAGE);
  const outDir = path.resolve(requireOption(values.out, 'out', CHARTS_USAGE));
  const formatName = values.format ?? 'png';
  if (!Object.hasOwn(FORMATS, formatName))
    throw new CliError(`Okänt format "${formatName.slice(0, 20)}": välj png, svg eller both.\nAnvändning: ${CHARTS_USAGE}`, 2);
  const formats = FORMATS[formatName]!;

  // A UserError (unknown insats, bad year) reaches the user through cli/main.ts.
  const merged = await mergedReport(ctx, period, insats, group);
  // Each insats's outcome series (5 periods ending with this one), so the files match the outcome page.
  const insatser = [];
  for (const i of merged.insatser) {
    const outcomeSeries = await outcomeSeriesFor(ctx.db, {
      period,
      insats: i.insats,
      codebook: ctx.config.codebook,
      minCell: ctx.config.minCell,
      mapping: ctx.config.codebookMapping,
    });
    insatser.push({ ...i, series: outcomeSeries });
  }
  const report = { ...merged, insatser };
  // Each survey's series over the default number of periods, as its results page shows it; none
  // for a period kind that has no series ("since start", long ranges).
  const cache = new Map();
  const series = new Map<string, IndicatorSeries>();
  for (const i of report.insatser)
    for (const s of i.surveys) {
      const instrument = s.selection.instrument;
      try {
        series.set(
          `${i.insats}\u0000${instrument}`,
          await indicatorSeries(ctx.db, ctx.surveys, { period, insats: i.insats, instrument }, ctx.config.minCell, { cache }),
        );
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
      }
    }
  const charts = chartSetForPeriod(report, (insats, instrument) => series.get(`${insats}\u0000${instrument}`));
  if (charts.length === 0) {
    ctx.print(
      `Inga diagram för ${report.period.label}${insats || group ? ` (${report.insats ?? report.group})` : ''}: det finns inga enkätsvar eller deltagare under perioden.`,
    );
    return 0;
  }

  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (err) {
    throw new CliError(`Mappen "${outDir}" kan inte skapas: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  if (!fs.statSync(outDir).isDirectory()) throw new CliError(`"${outDir}" finns redan och är ingen mapp.`);

  const renderer = sharedChartRenderer();
  const written: { fileName: string; title: string }[] = [];
  for (const format of formats) {
    const bodies = await renderAll(renderer, charts, format);
    for (const [i, chart] of charts.entries()) {
      const fileName = chart.fileName.replace(/\.png$/, `.${format}`);
      writeAtomically(path.join(outDir, fileName), bodies[i]!, fileName, outDir);
      written.push({ fileName, title: chart.title });
    }
  }
  ctx.print(`${written.length} diagramfiler sparade i ${outDir}:`);
  for (const w of written) ctx.print(`  ${w.fileName}\t${w.title}`);
  return 0;
}

/** Writes next to the target and renames, so a reader never sees half a file. */
function writeAtomically(file: string, body: Buffer, fileName: string, outDir: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, body);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(
      `Diagrammet ${fileName} kan inte sparas i "${outDir}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
    );
  }
}
