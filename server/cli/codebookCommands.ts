// finsam codebook check|map|mappings|unmap: code books, mappings between them, and the spellings
// mapped on the web import page (docs/import.md "Kodböcker").
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { intOption, parse, requireOption } from './args.js';
import { CodebookError, loadCodebook } from '../followup/codebooks.js';
import { loadCodebookMapping } from '../followup/codebookMappingFile.js';
import { unreachedReasons } from '../../analysis/codebookMapping.js';
import { listReasonMappings, removeReasonMapping } from '../followup/reasonMappings.js';

export const CODEBOOK_USAGE =
  'codebook check <fil.json> | codebook map --mapping <fil.json> --check | codebook mappings | codebook unmap <nr> (kodböcker för avslutsorsaker)';

/** A code book or mapping problem: every line printed, exit code 1. */
function refuse(ctx: CliContext, err: unknown): number {
  if (!(err instanceof CodebookError)) throw err;
  const all = err.problems.join(' ');
  if (err.problems.length < 2 || !err.message.endsWith(all)) ctx.printError(`Fel: ${err.message}`);
  else {
    // "Kodboken i x.json är ogiltig:" once, then one problem per line.
    ctx.printError(`Fel: ${err.message.slice(0, err.message.length - all.length).trim()}`);
    for (const p of err.problems) ctx.printError(`  ${p}`);
  }
  return 1;
}

async function check(ctx: CliContext, args: string[]): Promise<number> {
  const usage = 'finsam codebook check <fil.json> [--json]';
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, usage);
  if (positionals.length !== 1) throw new CliError(`Ange en kodbok.\nAnvändning: ${usage}`, 2);
  let book;
  try {
    book = loadCodebook(positionals[0]!);
  } catch (err) {
    return refuse(ctx, err);
  }
  if (values.json) {
    ctx.json(book);
    return 0;
  }
  const aliasCount = Object.values(book.aliases).reduce((n, a) => n + a.length, 0);
  ctx.print(`Kodboken "${book.name}" (${book.id}) är giltig: ${book.reasons.length} avslutsorsaker, ${aliasCount} andra stavningar.`);
  for (const r of book.reasons) {
    const aliases = book.aliases[r] ?? [];
    ctx.print(`  ${r}${aliases.length ? `  (även: ${aliases.join(', ')})` : ''}`);
  }
  ctx.print(`Arbete eller studier: ${book.workOrStudies.join(', ') || '–'}`);
  for (const g of book.groups) ctx.print(`Grupp "${g.name}": ${g.reasons.join(', ')}`);
  return 0;
}

async function map(ctx: CliContext, args: string[]): Promise<number> {
  const usage = 'finsam codebook map --mapping <fil.json> --check [--from <fil.json>] [--to <fil.json>] [--json]';
  const { values, positionals } = parse(
    args,
    {
      mapping: { type: 'string' },
      check: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const file = requireOption(values.mapping, 'mapping', usage);
  if (positionals.length) throw new CliError(`För många argument.\nAnvändning: ${usage}`, 2);
  if (!values.check)
    throw new CliError(
      `Ange --check: mappningen kontrolleras och sammanfattas (jämförelsen mellan år görs i rapporten).\nAnvändning: ${usage}`,
      2,
    );
  let loaded;
  try {
    loaded = loadCodebookMapping(file, { from: values.from, to: values.to });
  } catch (err) {
    return refuse(ctx, err);
  }
  const { mapping, from, to } = loaded;
  const unreached = unreachedReasons(mapping, to.reasons);
  if (values.json) {
    ctx.json({ from: from.id, to: to.id, map: Object.fromEntries(mapping.map), unreached });
    return 0;
  }
  ctx.print(`Mappningen från "${from.name}" (${from.reasons.length} orsaker) till "${to.name}" (${to.reasons.length} orsaker) är giltig:`);
  for (const [old, target] of mapping.map) ctx.print(`  ${old} → ${target}`);
  if (unreached.length)
    ctx.print(
      `Ingen orsak i "${from.name}" motsvarar: ${unreached.join(', ')}. Ett år med den gamla listan saknar uppgift för dem (inte 0).`,
    );
  return 0;
}

async function mappings(ctx: CliContext, args: string[]): Promise<number> {
  const usage = 'finsam codebook mappings [--codebook ID] [--json]';
  const { values, positionals } = parse(args, { codebook: { type: 'string' }, json: { type: 'boolean' } }, usage);
  if (positionals.length) throw new CliError(`För många argument.\nAnvändning: ${usage}`, 2);
  const list = await listReasonMappings(ctx.db, values.codebook);
  if (values.json) ctx.json(list);
  else if (list.length === 0) ctx.print('Inga sparade kopplingar.');
  else
    for (const m of list)
      ctx.print(`${m.id}\t${m.codebook}\t"${m.spelling}" → ${m.reason}\t${m.createdBy ?? '–'}\t${m.createdAt.slice(0, 10)}`);
  return 0;
}

async function unmap(ctx: CliContext, args: string[]): Promise<number> {
  const id = intOption(args[0], 'nr', 1);
  if (id === undefined || args.length !== 1)
    throw new CliError('Ange kopplingens nummer: finsam codebook unmap <nr> (se finsam codebook mappings)', 2);
  const removed = await removeReasonMapping(ctx.db, id);
  if (!removed) throw new CliError(`Koppling ${id} finns inte. Se finsam codebook mappings.`);
  ctx.print(`Kopplingen "${removed.spelling}" → ${removed.reason} (${removed.codebook}) är borttagen.`);
  return 0;
}

export async function codebookCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check') return check(ctx, rest);
  if (sub === 'map') return map(ctx, rest);
  if (sub === 'mappings') return mappings(ctx, rest);
  if (sub === 'unmap') return unmap(ctx, rest);
  throw new CliError(`Använd: finsam ${CODEBOOK_USAGE}`, 2);
}
