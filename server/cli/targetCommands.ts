// finsam target set|list|outcome|verdict|remove: an insats's targets for a period, stated as a
// value, a band, a change against the same period a year earlier or a shrinking gap, with outcomes
// entered by hand where the product cannot count them (docs/rules.md "Måluppfyllelse").
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { intOption, parse, periodOption, requireOption } from './args.js';
import { specKey } from '../../analysis/period.js';
import { mergedReport } from '../report/merged.js';
import { findTarget, removeTarget, saveTarget, setManualOutcome, setVerdict } from '../targets/store.js';
import { audit } from '../auth/audit.js';
import { today } from '../time.js';
import { parseManualOutcome, parseTargetValue } from '../targets/input.js';
import { targetContext } from '../targets/evaluate.js';
import { METRICS } from '../../analysis/targets.js';
import { findInsatsByName } from '../survey/rounds.js';

const TARGET_USAGE = [
  'finsam target set (--period PERIOD | --year ÅÅÅÅ) --insats NAMN --metric MÅTT',
  '                  (--value TAL [--direction at-least|at-most] | --band 40-60 | --change +20[%] | --shrinks)',
  '                  [--population started|participated|ended] [--referrers "Egen anmälan"] [--members "Kommun,Region"]',
  '                  [--reasons "Arbete,Studier"]',
  '                  [--of work-or-studies|reasons] [--unit count|percent] [--instrument ID] [--question ID]',
  '                  [--manual "101" | "202 av 240" | "Okänt"] [--label TEXT]',
  'finsam target outcome <id> (--manual "101" | "202 av 240" | "Okänt" | --clear)',
  'finsam target verdict (--period PERIOD | --year ÅÅÅÅ) --insats NAMN --text TEXT (tom text tar bort)',
  'finsam target list (--period PERIOD | --year ÅÅÅÅ) --insats NAMN [--json]',
  'finsam target remove <id>',
  `Mått: ${METRICS.map((m) => m.id).join(', ')}`,
].join('\n');

const ACTOR = 'kommandoraden';

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
        band: { type: 'string' },
        change: { type: 'string' },
        shrinks: { type: 'boolean' },
        population: { type: 'string' },
        referrers: { type: 'string' },
        members: { type: 'string' },
        of: { type: 'string' },
        unit: { type: 'string' },
        instrument: { type: 'string' },
        question: { type: 'string' },
        reasons: { type: 'string' },
        manual: { type: 'string' },
        label: { type: 'string' },
      },
      TARGET_USAGE,
    );
    const period = specKey(periodOption(values, TARGET_USAGE));
    const insatsName = requireOption(values.insats, 'insats', TARGET_USAGE);
    const metric = requireOption(values.metric, 'metric', TARGET_USAGE);
    const given = [values.value, values.band, values.change, values.shrinks || undefined].filter((v) => v !== undefined);
    if (given.length !== 1)
      throw new CliError(`Ange målet på ett sätt: --value, --band, --change eller --shrinks.\nAnvändning: ${TARGET_USAGE}`, 2);
    const stated = parseTargetValue(
      values.shrinks
        ? { mode: 'shrink' }
        : values.band !== undefined
          ? { mode: 'band', text: values.band }
          : values.change !== undefined
            ? { mode: 'change', text: values.change }
            : { mode: 'value', text: values.value! },
    );
    const insats = await findInsatsByName(ctx.db, insatsName);
    if (!insats) throw new CliError(`Insatsen "${insatsName}" finns inte. Kontrollera stavningen.`);
    const direction = values.direction === undefined ? 'atLeast' : { 'at-least': 'atLeast', 'at-most': 'atMost' }[values.direction];
    if (!direction) throw new CliError('--direction måste vara at-least eller at-most.', 2);
    const list = (v: string | undefined) => (v ? v.split(/[,;]/) : undefined);
    const manual = values.manual !== undefined ? parseManualOutcome(values.manual) : null;
    let target = await saveTarget(
      ctx.db,
      ctx.surveys,
      {
        insatsId: insats.id,
        period,
        metric,
        ...stated,
        direction,
        label: values.label ?? null,
        params: {
          ...(values.population ? { population: values.population as 'started' } : {}),
          ...(values.of ? { of: values.of as 'work-or-studies' } : {}),
          ...(values.unit ? { unit: values.unit as 'count' } : {}),
          ...(values.instrument ? { instrument: values.instrument } : {}),
          ...(values.question ? { question: values.question } : {}),
          ...(values.reasons ? { reasons: list(values.reasons) } : {}),
          ...(values.referrers ? { referrers: list(values.referrers) } : {}),
          ...(values.members ? { members: list(values.members) } : {}),
        },
      },
      targetContext(ctx.config),
    );
    await audit(ctx.db, ACTOR, 'target.save', { targetId: target.id, insatsId: insats.id, period, metric });
    if (manual) {
      target = await setManualOutcome(ctx.db, target.id, manual, ACTOR, today());
      await audit(ctx.db, ACTOR, 'target.outcome', { targetId: target.id, ...manual });
    }
    ctx.json(target);
    return 0;
  }
  if (sub === 'outcome') {
    const { values, positionals } = parse(rest, { manual: { type: 'string' }, clear: { type: 'boolean' } }, TARGET_USAGE);
    const id = intOption(positionals[0], 'id', 1);
    if (id === undefined || positionals.length > 1) throw new CliError(`Ange målets nummer.\nAnvändning: ${TARGET_USAGE}`, 2);
    if ((values.manual === undefined) === !values.clear)
      throw new CliError(`Ange antingen --manual eller --clear.\nAnvändning: ${TARGET_USAGE}`, 2);
    const manual = values.clear ? { value: null, of: null, text: null } : parseManualOutcome(values.manual!);
    const target = await setManualOutcome(ctx.db, id, manual, ACTOR, today());
    await audit(ctx.db, ACTOR, 'target.outcome', { targetId: id, ...manual });
    ctx.json(target);
    return 0;
  }
  if (sub === 'verdict') {
    const { values } = parse(
      rest,
      { period: { type: 'string' }, year: { type: 'string' }, insats: { type: 'string' }, text: { type: 'string' } },
      TARGET_USAGE,
    );
    const period = specKey(periodOption(values, TARGET_USAGE));
    const insatsName = requireOption(values.insats, 'insats', TARGET_USAGE);
    if (values.text === undefined) throw new CliError(`--text saknas.\nAnvändning: ${TARGET_USAGE}`, 2);
    const insats = await findInsatsByName(ctx.db, insatsName);
    if (!insats) throw new CliError(`Insatsen "${insatsName}" finns inte. Kontrollera stavningen.`);
    await setVerdict(ctx.db, insats.id, period, values.text, ACTOR, today());
    await audit(ctx.db, ACTOR, 'target.verdict', { insatsId: insats.id, period });
    ctx.print(
      values.text.trim()
        ? `Den samlade bedömningen för ${insats.name} ${period} är sparad.`
        : `Den samlade bedömningen för ${insats.name} ${period} är borttagen.`,
    );
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
    await audit(ctx.db, ACTOR, 'target.remove', { targetId: id });
    ctx.print(`Mål ${id} är borttaget.`);
    return 0;
  }
  throw new CliError(`Använd:\n${TARGET_USAGE}`, 2);
}
