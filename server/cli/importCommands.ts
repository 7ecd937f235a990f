// finsam import-outcomes <fil> and finsam import list|undo: the participant register import.
import fs from 'node:fs';
import path from 'node:path';
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { intOption, parse } from './args.js';
import { importOutcomes, listImports, undoImport } from '../followup/importer.js';
import { formatProblem } from '../followup/rowRules.js';

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
    if (result.variables.length) ctx.print(`Extra kolumner som sparades: ${result.variables.join(', ')}.`);
    if (result.ignoredColumns.length) ctx.print(`Fritextkolumner som inte sparades: ${result.ignoredColumns.join(', ')}.`);
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
