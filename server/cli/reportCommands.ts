// finsam import-outcomes / import list|undo / outcomes / indicators / report / target …
import fs from 'node:fs';
import path from 'node:path';
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { intOption, parse, requireOption, yearOption } from './args.js';
import { importOutcomes, listImports, undoImport } from '../followup/importer.js';
import { formatProblem } from '../followup/rowRules.js';
import { outcomeReport } from '../outcomes/report.js';
import { indicatorsFor, instrumentsInYear } from '../indicators/service.js';
import { mergedReport } from '../report/merged.js';
import { findTarget, listTargets, removeTarget, saveTarget } from '../targets/store.js';
import { METRICS } from '../../analysis/targets.js';
import { findInsatsByName } from '../survey/rounds.js';


const IMPORT_USAGE = 'finsam import-outcomes <fil.csv> [--codebook standard|sus|<fil.json>]';

export async function importOutcomesCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { codebook: { type: 'string' }, json: { type: 'boolean' } }, IMPORT_USAGE);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError(`Ange en CSV-fil.\nAnvändning: ${IMPORT_USAGE}`, 2);
  try {
    if (!fs.statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new CliError(`Filen "${file}" kan inte läsas. Kontrollera sökvägen.`);
  }
  // Read as a stream: a file of a million rows is never held whole (docs/import.md).
  const result = await importOutcomes(ctx.db, {
    stream: fs.createReadStream(file),
    fileName: path.basename(file),
    codebook: values.codebook ?? ctx.config.codebook,
    actor: 'kommandoraden',
  });
  if (!result.ok) {
    ctx.printError('Filen importerades inte. Inget har sparats. Rätta följande och försök igen:');
    for (const p of result.errors) ctx.printError(`  ${formatProblem(p)}`);
    if (result.errorCount > result.errors.length) ctx.printError(`  … och ${result.errorCount - result.errors.length} fel till.`);
    return 1;
  }
  if (values.json) ctx.json(result);
  else {
    ctx.print(`Import ${result.batchId} klar: ${result.inserted} nya och ${result.updated} uppdaterade deltagarperioder.`);
    if (result.insatserCreated.length) ctx.print(`Nya insatser: ${result.insatserCreated.join(', ')}.`);
    if (result.ignoredColumns.length) ctx.print(`Kolumner som inte sparades: ${result.ignoredColumns.join(', ')}.`);
    ctx.print(`Ångra med: finsam import undo ${result.batchId}`);
  }
  return 0;
}

export async function importCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const { values } = parse(rest, { json: { type: 'boolean' } }, 'finsam import list [--json]');
    const batches = await listImports(ctx.db);
    if (values.json) ctx.json(batches);
    else if (batches.length === 0) ctx.print('Inga importer ännu.');
    else
      for (const b of batches)
        ctx.print(
          `${b.id}\t${b.importedAt}\t${b.fileName}\t${b.rows} rader (${b.inserted} nya, ${b.updated} uppdaterade)\t${b.undone ? 'ångrad' : b.pending ? 'skrivs nu' : b.canUndo ? 'kan ångras' : 'senare import finns'}`,
        );
    return 0;
  }
  if (sub === 'undo') {
    const id = intOption(rest[0], 'id', 1);
    if (id === undefined || rest.length !== 1) throw new CliError('Ange importens nummer: finsam import undo <id>', 2);
    const result = await undoImport(ctx.db, id);
    if (!result.ok) throw new CliError(result.message);
    ctx.print(`Import ${id} är ångrad: ${result.deleted} borttagna och ${result.restored} återställda deltagarperioder.`);
    return 0;
  }
  throw new CliError('Använd: finsam import list | finsam import undo <id>', 2);
}

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
    { round: { type: 'string' }, year: { type: 'string' }, insats: { type: 'string' }, instrument: { type: 'string' }, json: { type: 'boolean' } },
    INDICATORS_USAGE,
  );
  const k = ctx.config.minCell;
  if (values.round !== undefined) {
    if (values.year || values.insats || values.instrument) throw new CliError(`--round kan inte kombineras med andra urval.\nAnvändning: ${INDICATORS_USAGE}`, 2);
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
  const insats = values.insats ? await findInsatsByName(ctx.db, values.insats) : null;
  if (values.insats && !insats) throw new CliError(`Insatsen "${values.insats}" finns inte. Kontrollera stavningen.`);
  const results = [];
  for (const instrument of await instrumentsInYear(ctx.db, year, insats?.id ?? null))
    results.push(await indicatorsFor(ctx.db, ctx.surveys, { year, insats: insats?.name ?? null, instrument }, k));
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

const TARGET_USAGE = [
  'finsam target set --year ÅÅÅÅ --insats NAMN --metric MÅTT --value TAL [--direction at-least|at-most]',
  '                  [--instrument ID] [--question ID] [--reasons "Arbete,Studier"] [--label TEXT]',
  'finsam target list --year ÅÅÅÅ --insats NAMN [--json]',
  'finsam target remove <id>',
  `Mått: ${METRICS.map((m) => m.id).join(', ')}`,
].join('\n');

export async function targetCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'set') {
    const { values } = parse(
      rest,
      {
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
    const year = yearOption(values.year, TARGET_USAGE);
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
      year,
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
    const { values } = parse(rest, { year: { type: 'string' }, insats: { type: 'string' }, json: { type: 'boolean' } }, TARGET_USAGE);
    const year = yearOption(values.year, TARGET_USAGE);
    const insatsName = requireOption(values.insats, 'insats', TARGET_USAGE);
    const report = await mergedReport(ctx, year, insatsName);
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
