// finsam outcomes / indicators / report: the figures as JSON, through the same services as the pages.
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { intOption, parse, yearOption } from './args.js';
import { outcomeReport } from '../outcomes/report.js';
import { indicatorsFor, instrumentsInYear } from '../indicators/service.js';
import { mergedReport } from '../report/merged.js';
import { resolveInsats } from '../survey/rounds.js';

const OUTCOMES_USAGE = 'finsam outcomes --year ÅÅÅÅ [--insats NAMN] [--codebook standard|sus|<fil.json>] --json';

export async function outcomesCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parse(
    args,
    { year: { type: 'string' }, insats: { type: 'string' }, codebook: { type: 'string' }, json: { type: 'boolean' } },
    OUTCOMES_USAGE,
  );
  const report = await outcomeReport(ctx.db, {
    year: yearOption(values.year, OUTCOMES_USAGE),
    insats: values.insats ?? null,
    codebook: values.codebook ?? ctx.config.codebook,
    minCell: ctx.config.minCell,
  });
  ctx.json(report);
  return 0;
}

const INDICATORS_USAGE = 'finsam indicators (--round ID | --year ÅÅÅÅ [--insats NAMN] [--instrument ID]) --json';

export async function indicatorsCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      round: { type: 'string' },
      year: { type: 'string' },
      insats: { type: 'string' },
      instrument: { type: 'string' },
      json: { type: 'boolean' },
    },
    INDICATORS_USAGE,
  );
  const k = ctx.config.minCell;
  if (values.round !== undefined) {
    if (values.year || values.insats || values.instrument)
      throw new CliError(`--round kan inte kombineras med andra urval.\nAnvändning: ${INDICATORS_USAGE}`, 2);
    const roundId = intOption(values.round, 'round', 1)!;
    ctx.json(await indicatorsFor(ctx.db, ctx.surveys, { roundId }, k));
    return 0;
  }
  const year = yearOption(values.year, INDICATORS_USAGE);
  if (values.instrument) {
    ctx.json(await indicatorsFor(ctx.db, ctx.surveys, { year, insats: values.insats ?? null, instrument: values.instrument }, k));
    return 0;
  }
  // Without --instrument: one result per questionnaire that has rounds in the year.
  // Resolved once and passed down by id (a name that does not exist is a UserError).
  const insats = await resolveInsats(ctx.db, values.insats);
  const results = [];
  for (const instrument of await instrumentsInYear(ctx.db, year, insats?.id ?? null))
    results.push(await indicatorsFor(ctx.db, ctx.surveys, { year, insats, instrument }, k));
  ctx.json(results);
  return 0;
}

const REPORT_USAGE = 'finsam report --year ÅÅÅÅ [--insats NAMN] [--codebook standard|sus|<fil.json>] --json';

export async function reportCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parse(
    args,
    { year: { type: 'string' }, insats: { type: 'string' }, codebook: { type: 'string' }, json: { type: 'boolean' } },
    REPORT_USAGE,
  );
  const year = yearOption(values.year, REPORT_USAGE);
  const config = values.codebook ? { ...ctx.config, codebook: values.codebook } : ctx.config;
  ctx.json(await mergedReport({ ...ctx, config }, year, values.insats ?? null));
  return 0;
}
