// finsam instrument list [--json]: the questionnaires the server has loaded (built-in and
// FINSAM_SURVEYS_DIR), the highest version of each, with their respondent group, languages and the
// shared indicator keys they measure (docs/configuration.md "Enkätfiler").
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { parse } from './args.js';
import type { Questionnaire } from '../../surveys/types.js';

export const INSTRUMENT_USAGE = 'finsam instrument list [--json]';

export interface InstrumentInfo {
  id: string;
  version: number;
  title: string;
  respondentGroup: string;
  /** 'sv' (the questionnaire's own texts) and every language it carries a translation for. */
  languages: string[];
  /** The shared indicator keys of its questions, in question order. */
  indicators: string[];
}

export function instrumentInfo(q: Questionnaire): InstrumentInfo {
  // Translations are optional data on a questionnaire version; read without assuming their shape.
  const translations = (q as { translations?: unknown }).translations;
  const extra = typeof translations === 'object' && translations !== null ? Object.keys(translations).filter((l) => l !== 'sv') : [];
  return {
    id: q.id,
    version: q.version,
    title: q.title,
    respondentGroup: q.respondentGroup,
    languages: ['sv', ...extra.sort()],
    indicators: [...new Set(q.questions.flatMap((x) => (x.indicator ? [x.indicator] : [])))],
  };
}

export async function instrumentCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw new CliError(`Okänt kommando. Använd: ${INSTRUMENT_USAGE}`, 2);
  const { values, positionals } = parse(rest, { json: { type: 'boolean' } }, INSTRUMENT_USAGE);
  if (positionals.length) throw new CliError(`För många argument.\nAnvändning: ${INSTRUMENT_USAGE}`, 2);
  const rows = ctx.surveys.latest().map(instrumentInfo);
  if (values.json) ctx.json(rows);
  else
    for (const r of rows)
      ctx.print(`${r.id}\tv${r.version}\t${r.respondentGroup}\t${r.languages.join(',')}\t${r.title}\t${r.indicators.join(',') || '–'}`);
  return 0;
}
