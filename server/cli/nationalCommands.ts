// finsam indicators --across-groups and finsam national import|list|export: one indicator across
// respondent groups, national reference values, and the export for national compilation, through
// the same services as /kansli/indikatorer.
import fs from 'node:fs';
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { intOption, parse, periodOption, requireOption, yearOption } from './args.js';
import { crossGroupFor, indicatorKeys, nationalExport } from '../indicators/crossGroup.js';
import { importError, importNational, importSummary, listNational, removeNational } from '../indicators/national.js';
import { audit } from '../auth/audit.js';
import { MAX_CROSS_PERIODS } from '../../analysis/crossGroup.js';
import { nationalExportTable } from '../../analysis/crossGroupTables.js';
import { tableToCsv } from '../../analysis/csv.js';

export const ACROSS_GROUPS_USAGE =
  'finsam indicators --across-groups [--indicator NYCKEL (--period PERIOD | --year ÅÅÅÅ) [--periods 1–5] [--insats NAMN]] --json';

/** Without --indicator: the keys and the questionnaires that ask them. */
export async function acrossGroups(
  ctx: CliContext,
  values: {
    indicator?: string;
    period?: string;
    year?: string;
    periods?: string;
    insats?: string;
    instrument?: string;
    round?: string;
    series?: string;
  },
): Promise<number> {
  if (values.round !== undefined || values.instrument !== undefined || values.series !== undefined)
    throw new CliError(
      `--across-groups kan inte kombineras med --round, --instrument eller --series.\nAnvändning: ${ACROSS_GROUPS_USAGE}`,
      2,
    );
  if (values.indicator === undefined) {
    if (values.period !== undefined || values.year !== undefined)
      throw new CliError(`--indicator saknas.\nAnvändning: ${ACROSS_GROUPS_USAGE}`, 2);
    ctx.json(indicatorKeys(ctx.surveys));
    return 0;
  }
  const period = periodOption(values, ACROSS_GROUPS_USAGE);
  const count = intOption(values.periods, 'periods', 1) ?? 1;
  if (count > MAX_CROSS_PERIODS)
    throw new CliError(`--periods kan vara högst ${MAX_CROSS_PERIODS}.\nAnvändning: ${ACROSS_GROUPS_USAGE}`, 2);
  const indicator = requireOption(values.indicator, 'indicator', ACROSS_GROUPS_USAGE);
  ctx.json(await crossGroupFor(ctx.db, ctx.surveys, { indicator, period, count, insats: values.insats ?? null }, ctx.config.minCell));
  return 0;
}

export const NATIONAL_USAGE =
  'national import <fil.csv> | national list [--json] | national remove --year ÅÅÅÅ [--indicator NYCKEL] [--group SVARSGRUPP] | national export --year ÅÅÅÅ [--out <fil.csv>]';

export async function nationalCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const usage = `finsam ${NATIONAL_USAGE}`;
  if (sub === 'import') {
    const { positionals } = parse(rest, {}, usage);
    if (positionals.length !== 1) throw new CliError(`Ange en CSV-fil.\nAnvändning: ${usage}`, 2);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(positionals[0]!);
    } catch {
      throw new CliError(`Filen ${positionals[0]} kan inte läsas. Kontrollera sökvägen.`);
    }
    const result = await importNational(ctx.db, ctx.surveys, bytes, null);
    if (!result.ok) throw importError(result);
    ctx.print(importSummary(result));
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, { json: { type: 'boolean' } }, usage);
    const rows = await listNational(ctx.db);
    if (values.json) ctx.json(rows);
    else if (rows.length === 0) ctx.print('Inga nationella värden är importerade.');
    else
      ctx.print(
        rows
          .map((r) => `${r.indicator}\t${r.year}\t${r.respondentGroup}\t${String(r.percent).replace('.', ',')} %\t${r.n ?? '–'}`)
          .join('\n'),
      );
    return 0;
  }
  if (sub === 'remove') {
    const { values } = parse(rest, { year: { type: 'string' }, indicator: { type: 'string' }, group: { type: 'string' } }, usage);
    const year = yearOption(values.year, usage);
    const removed = await removeNational(ctx.db, { year, indicator: values.indicator, respondentGroup: values.group });
    await audit(ctx.db, 'kommandoraden', 'national.remove', {
      year,
      indicator: values.indicator ?? null,
      group: values.group ?? null,
      count: removed,
    });
    ctx.print(removed ? `Tog bort ${removed} nationella värden.` : 'Inga nationella värden matchade; ingenting togs bort.');
    return 0;
  }
  if (sub === 'export') {
    const { values } = parse(rest, { year: { type: 'string' }, out: { type: 'string' } }, usage);
    const year = yearOption(values.year, usage);
    const csv = tableToCsv(nationalExportTable(await nationalExport(ctx.db, ctx.surveys, year, ctx.config.minCell)));
    if (values.out) {
      fs.writeFileSync(values.out, csv);
      ctx.print(`Sparade ${values.out}.`);
    } else {
      // The CSV's own bytes (BOM, CRLF): its cells are keys, group names and counts, nothing from users.
      ctx.io.stdout.write(csv);
    }
    return 0;
  }
  throw new CliError(`Okänt underkommando.\nAnvändning: ${usage}`, 2);
}
