// finsam variables: one variable of the participant register (an extra column the import kept, a
// built-in column, or the referrers per member) counted by gender for a period, as JSON or CSV.
// Without --name: every variable that has values (with a period), or the names that can be counted
// (without one). docs/import.md "Extra kolumner".
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { parse, periodOption } from './args.js';
import { listVariables, variableReport, type Population } from '../outcomes/variables.js';
import { memberTable } from '../../analysis/referrers.js';
import { variableTable } from '../../analysis/variables.js';
import { tableToCsv } from '../../analysis/csv.js';
import { terminalSafe } from './output.js';

export const VARIABLES_USAGE =
  'finsam variables [--period P | --year ÅÅÅÅ] [--insats NAMN]… [--population started|ended] [--name NAMN [--csv]] --json';

const POPULATIONS: Record<string, Population> = { started: 'started', nya: 'started', ended: 'ended', avslutade: 'ended' };

export async function variablesCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      name: { type: 'string' },
      period: { type: 'string' },
      year: { type: 'string' },
      insats: { type: 'string', multiple: true },
      population: { type: 'string' },
      csv: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    VARIABLES_USAGE,
  );
  if (positionals.length) throw new CliError(`För många argument.\nAnvändning: ${VARIABLES_USAGE}`, 2);
  const period = values.period === undefined && values.year === undefined ? undefined : periodOption(values, VARIABLES_USAGE);
  if (period === undefined) {
    if (values.name !== undefined || values.insats || values.population || values.csv)
      throw new CliError(`Ange en period med --period (t.ex. 2024-H1) eller --year.\nAnvändning: ${VARIABLES_USAGE}`, 2);
    const list = await listVariables(ctx.db);
    if (values.json) ctx.json(list);
    else for (const v of list) ctx.print(`${v.name}\t${v.episodes} deltagarperioder med värde`);
    return 0;
  }
  if (values.csv && values.name === undefined)
    throw new CliError(`--csv skriver en tabell: ange vilken variabel med --name.\nAnvändning: ${VARIABLES_USAGE}`, 2);
  let population: Population = 'started';
  if (values.population !== undefined) {
    const p = POPULATIONS[values.population.trim().toLowerCase()];
    if (!p)
      throw new CliError(
        `--population ska vara started (nya under perioden) eller ended (avslutade under perioden), inte "${values.population}".`,
        2,
      );
    population = p;
  }
  const options = {
    period,
    insatser: values.insats ?? null,
    population,
    minCell: ctx.config.minCell,
    referrerCodebook: ctx.config.referrerCodebook,
  };
  if (values.name === undefined) {
    // Every variable that has values in the register, one table each.
    const names = (await listVariables(ctx.db)).filter((v) => v.episodes > 0).map((v) => v.name);
    const reports = [];
    for (const name of names) reports.push(await variableReport(ctx.db, { ...options, name }));
    ctx.json(reports);
    return 0;
  }
  const report = await variableReport(ctx.db, { ...options, name: values.name });
  if (values.csv) {
    // Excel's CSV (CRLF line ends) as is; anything else a terminal would act on is escaped (output.ts).
    const table =
      report.kind === 'members' ? memberTable(report.label, report, report.minCell) : variableTable(report.label, report, report.minCell);
    const text = tableToCsv(table).toString('utf8');
    ctx.io.stdout.write(text.split('\r\n').map(terminalSafe).join('\r\n'));
  } else ctx.json(report);
  return 0;
}
