// finsam target set|list|remove: an insats's targets for a period.
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { intOption, parse, periodOption, requireOption } from './args.js';
import { specKey } from '../../analysis/period.js';
import { mergedReport } from '../report/merged.js';
import { findTarget, listTargets, removeTarget, saveTarget } from '../targets/store.js';
import { METRICS } from '../../analysis/targets.js';
import { findInsatsByName } from '../survey/rounds.js';

const TARGET_USAGE = [
  'finsam target set (--period PERIOD | --year ÅÅÅÅ) --insats NAMN --metric MÅTT --value TAL [--direction at-least|at-most]',
  '                  [--instrument ID] [--question ID] [--reasons "Arbete,Studier"] [--label TEXT]',
  'finsam target list (--period PERIOD | --year ÅÅÅÅ) --insats NAMN [--json]',
  'finsam target remove <id>',
  `Mått: ${METRICS.map((m) => m.id).join(', ')}`,
].join('\n');

export async function targetCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'set') {
    const { values } = parse(
      rest,
      {
        period: { type: 'string' },
        year: { type: 'string' },
        insats: { type: 'string' },
        metric: { type: 'string' },
        value: { type: 'string' },
        direction: { type: 'string' },
        instrument: { type: 'string' },
        question: { type: 'string' },
        reasons: { type: 'string' },
        label: { type: 'string' },
      },
      TARGET_USAGE,
    );
    const period = specKey(periodOption(values, TARGET_USAGE));
    const insatsName = requireOption(values.insats, 'insats', TARGET_USAGE);
    const metric = requireOption(values.metric, 'metric', TARGET_USAGE);
    const rawValue = requireOption(values.value, 'value', TARGET_USAGE).replace(',', '.').replace(/\s*%$/, '');
    const value = Number(rawValue);
    if (!Number.isFinite(value)) throw new CliError(`--value måste vara ett tal, inte "${values.value}".`, 2);
    const insats = await findInsatsByName(ctx.db, insatsName);
    if (!insats) throw new CliError(`Insatsen "${insatsName}" finns inte. Kontrollera stavningen.`);
    const direction = values.direction === undefined ? 'atLeast' : { 'at-least': 'atLeast', 'at-most': 'atMost' }[values.direction];
    if (!direction) throw new CliError('--direction måste vara at-least eller at-most.', 2);
    const target = await saveTarget(ctx.db, ctx.surveys, {
      insatsId: insats.id,
      period,
      metric,
      value,
      direction,
      label: values.label ?? null,
      params: {
        ...(values.instrument ? { instrument: values.instrument } : {}),
        ...(values.question ? { question: values.question } : {}),
        ...(values.reasons ? { reasons: values.reasons.split(/[,;]/) } : {}),
      },
    });
    ctx.json(target);
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(
      rest,
      { period: { type: 'string' }, year: { type: 'string' }, insats: { type: 'string' }, json: { type: 'boolean' } },
      TARGET_USAGE,
    );
    const period = periodOption(values, TARGET_USAGE);
    const insatsName = requireOption(values.insats, 'insats', TARGET_USAGE);
    const report = await mergedReport(ctx, period, insatsName);
    ctx.json(report.insatser[0]!.targets);
    return 0;
  }
  if (sub === 'remove') {
    const id = intOption(rest[0], 'id', 1);
    if (id === undefined) throw new CliError('Ange målets nummer: finsam target remove <id>', 2);
    if (!(await findTarget(ctx.db, id))) throw new CliError(`Mål ${id} finns inte.`);
    await removeTarget(ctx.db, id);
    ctx.print(`Mål ${id} är borttaget.`);
    return 0;
  }
  throw new CliError(`Använd:\n${TARGET_USAGE}`, 2);
}
