// finsam outcomes / indicators / report: the figures as JSON, through the same services as the pages.
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { insatsOrGroup, intOption, parse, periodOption } from './args.js';
import { outcomeReport } from '../outcomes/report.js';
import { indicatorsFor, instrumentsInPeriod } from '../indicators/service.js';
import { resolvePeriod } from '../report/periods.js';
import { mergedReport } from '../report/merged.js';
import { FORBUND_INSATS, resolveInsats } from '../survey/rounds.js';
import { indicatorSeries } from '../indicators/series.js';
import { MAX_SERIES, periodSeries } from '../../analysis/period.js';
import { acrossGroups } from './nationalCommands.js';

const OUTCOMES_USAGE =
  'finsam outcomes (--period PERIOD | --year ÅÅÅÅ) [--insats NAMN | --group GRUPP] [--codebook standard|sus|<fil.json>] [--mapping <koppling.json>] --json';

export async function outcomesCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      period: { type: 'string' },
      year: { type: 'string' },
      insats: { type: 'string' },
      group: { type: 'string' },
      codebook: { type: 'string' },
      mapping: { type: 'string' },
      json: { type: 'boolean' },
    },
    OUTCOMES_USAGE,
  );
  const report = await outcomeReport(ctx.db, {
    period: periodOption(values, OUTCOMES_USAGE),
    ...insatsOrGroup(values, OUTCOMES_USAGE),
    codebook: values.codebook ?? ctx.config.codebook,
    minCell: ctx.config.minCell,
    mapping: values.mapping ?? ctx.config.codebookMapping,
    extras: { referrerCodebook: ctx.config.referrerCodebook },
  });
  ctx.json(report);
  return 0;
}

const INDICATORS_USAGE =
  'finsam indicators (--round ID | (--period PERIOD | --year ÅÅÅÅ) [--insats NAMN | --forbund] [--instrument ID] [--series ANTAL]) --json\n' +
  '       finsam indicators --across-groups [--indicator NYCKEL (--period PERIOD | --year ÅÅÅÅ) [--periods 1–5] [--insats NAMN]] --json';

export async function indicatorsCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      round: { type: 'string' },
      period: { type: 'string' },
      year: { type: 'string' },
      insats: { type: 'string' },
      // The förbund's own rounds, those without an insats (docs/domain.md "Omgångar utan insats").
      forbund: { type: 'boolean' },
      instrument: { type: 'string' },
      series: { type: 'string' },
      'across-groups': { type: 'boolean' },
      indicator: { type: 'string' },
      periods: { type: 'string' },
      json: { type: 'boolean' },
    },
    INDICATORS_USAGE,
  );
  // One indicator key across respondent groups (docs/rules.md "Indikatorer över svarsgrupper").
  if (values['across-groups']) return acrossGroups(ctx, values);
  if (values.indicator !== undefined || values.periods !== undefined)
    throw new CliError(`--indicator och --periods gäller bara med --across-groups.\nAnvändning: ${INDICATORS_USAGE}`, 2);
  const k = ctx.config.minCell;
  if (values.round !== undefined) {
    if (values.period || values.year || values.insats || values.forbund || values.instrument || values.series)
      throw new CliError(`--round kan inte kombineras med andra urval.\nAnvändning: ${INDICATORS_USAGE}`, 2);
    const roundId = intOption(values.round, 'round', 1)!;
    ctx.json(await indicatorsFor(ctx.db, ctx.surveys, { roundId }, k));
    return 0;
  }
  const period = periodOption(values, INDICATORS_USAGE);
  if (values.forbund && values.insats !== undefined)
    throw new CliError(`Välj antingen --insats eller --forbund.\nAnvändning: ${INDICATORS_USAGE}`, 2);
  const selected = values.forbund ? FORBUND_INSATS : (values.insats ?? null);
  // "Since start" of the förbund's own rounds counts from the förbund's first participant.
  const periodScope = (i: { id: number } | null) => (i && i.id !== FORBUND_INSATS.id ? [i.id] : null);
  if (values.series !== undefined) {
    // A series of ANTAL periods ending with --period: one per questionnaire, or the one given.
    const count = intOption(values.series, 'series', 1)!;
    if (count > MAX_SERIES) throw new CliError(`--series kan vara högst ${MAX_SERIES}.\nAnvändning: ${INDICATORS_USAGE}`, 2);
    const insats = await resolveInsats(ctx.db, selected);
    const cache = new Map();
    const one = (instrument: string) => indicatorSeries(ctx.db, ctx.surveys, { period, count, insats, instrument }, k, { cache });
    if (values.instrument) {
      ctx.json(await one(values.instrument));
      return 0;
    }
    const last = await resolvePeriod(ctx.db, period, periodScope(insats));
    const periods = periodSeries(last, count);
    const span = { from: periods[0]!.from, to: last.to };
    const results = [];
    for (const instrument of await instrumentsInPeriod(ctx.db, span, insats?.id ?? null)) results.push(await one(instrument));
    ctx.json(results);
    return 0;
  }
  if (values.instrument) {
    ctx.json(await indicatorsFor(ctx.db, ctx.surveys, { period, insats: selected, instrument: values.instrument }, k));
    return 0;
  }
  // Without --instrument: one result per questionnaire that has rounds in the period.
  // Resolved once and passed down by id (a name that does not exist is a UserError).
  const insats = await resolveInsats(ctx.db, selected);
  const results = [];
  const resolved = await resolvePeriod(ctx.db, period, periodScope(insats));
  for (const instrument of await instrumentsInPeriod(ctx.db, resolved, insats?.id ?? null))
    results.push(await indicatorsFor(ctx.db, ctx.surveys, { period: resolved, insats, instrument }, k));
  ctx.json(results);
  return 0;
}

const REPORT_USAGE =
  'finsam report (--period PERIOD | --year ÅÅÅÅ) [--insats NAMN | --group GRUPP] [--codebook standard|sus|<fil.json>] --json';

export async function reportCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      period: { type: 'string' },
      year: { type: 'string' },
      insats: { type: 'string' },
      group: { type: 'string' },
      codebook: { type: 'string' },
      json: { type: 'boolean' },
    },
    REPORT_USAGE,
  );
  const period = periodOption(values, REPORT_USAGE);
  const { insats, group } = insatsOrGroup(values, REPORT_USAGE);
  const config = values.codebook ? { ...ctx.config, codebook: values.codebook } : ctx.config;
  ctx.json(await mergedReport({ ...ctx, config }, period, insats, group));
  return 0;
}
