// Reads a mapping file between two code books (docs/import.md "Mappning mellan kodböcker"):
// { "from": "<id>", "to": "<id>", "map": { "Gammal orsak": "Ny orsak", … } }. A code book named
// by id is a built-in one, or <id>.json in the mapping file's folder, unless given explicitly.
import fs from 'node:fs';
import path from 'node:path';
import { validateCodebookMapping, type CodebookMapping } from '../../analysis/codebookMapping.js';
import { BUILTIN_CODEBOOKS, CodebookError, loadCodebook, type Codebook } from './codebooks.js';

export interface LoadedMapping {
  mapping: CodebookMapping;
  from: Codebook;
  to: Codebook;
}

function resolve(field: 'from' | 'to', id: unknown, dir: string, given: string | undefined): Codebook {
  if (given) return loadCodebook(given);
  if (typeof id !== 'string' || !id.trim())
    throw new CodebookError(`Fältet "${field}" saknas i mappningen. Ange id för kodboken, t.ex. "sus" eller "vart-forbund-2023".`);
  if (BUILTIN_CODEBOOKS[id]) return BUILTIN_CODEBOOKS[id]!;
  const file = path.join(dir, `${path.basename(id)}.json`);
  if (!fs.existsSync(file))
    throw new CodebookError(
      `Kodboken "${id}" i fältet "${field}" finns varken inbyggd eller som ${file}. Lägg kodboken där eller ange den med --${field} <fil.json>.`,
    );
  return loadCodebook(file);
}

/** Reads and checks a mapping file; throws CodebookError with every problem in Swedish. */
export function loadCodebookMapping(file: string, given: { from?: string; to?: string } = {}): LoadedMapping {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CodebookError(`Mappningsfilen "${file}" kan inte läsas. Kontrollera sökvägen.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CodebookError(
      `Mappningsfilen är inte giltig JSON (${err instanceof Error ? err.message : String(err)}). Kontrollera kommatecken, citattecken och klamrar.`,
    );
  }
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const dir = path.dirname(file);
  const from = resolve('from', o.from, dir, given.from);
  const to = resolve('to', o.to, dir, given.to);
  const checked = validateCodebookMapping(value, from, to);
  if (!checked.ok) throw new CodebookError(`Mappningen i ${file} är ogiltig: ${checked.errors.join(' ')}`, checked.errors);
  return { mapping: checked.mapping, from, to };
}
