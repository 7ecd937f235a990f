// Argument parsing on node:util parseArgs, with Swedish messages for mistakes.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io.js';
import { isIsoDate } from '../time.js';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${swedishParseError(err as Error & { code?: string })}\nAnvändning: ${usage}`, 2);
  }
}

function swedishParseError(err: Error & { code?: string }): string {
  const option = /'(-[^']*)'/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Okänt alternativ ${option}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `Alternativet ${option.split(' ')[0]} behöver ett värde (skriv t.ex. ${option.split(' ')[0]}=värde om värdet börjar med -).`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return 'För många argument.';
    default:
      return 'Felaktiga argument.';
  }
}

export function requireOption(value: string | boolean | undefined, name: string, usage: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`--${name} saknas.\nAnvändning: ${usage}`, 2);
  return value.trim();
}

export function intOption(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new CliError(`--${name} måste vara ett heltal från ${min} och uppåt, inte "${value}".`, 2);
  return Number(value);
}

export function yearOption(value: string | undefined, usage: string): number {
  if (value === undefined || !/^(19|20)\d{2}$/.test(value))
    throw new CliError(`--year måste vara ett årtal, t.ex. 2024.\nAnvändning: ${usage}`, 2);
  return Number(value);
}

export function dateOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new CliError(`--${name} måste vara ett datum skrivet ÅÅÅÅ-MM-DD, inte "${value}".`, 2);
  return value;
}
