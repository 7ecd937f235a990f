// Argument parsing on node:util parseArgs, with Swedish messages for mistakes.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io.js';
import { isIsoDate } from '../time.js';
import { parsePeriod, PeriodError, PERIOD_FORMS, type PeriodSpec } from '../../analysis/period.js';

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

/**
 * --period (2023, 2023-H1, 2023-T2, 2023-Q4, 2022-09-01..2025-12-31, sedan-start) or its synonym
 * --year for a calendar year; exactly one of them.
 */
export function periodOption(values: { period?: string; year?: string }, usage: string): PeriodSpec {
  if (values.period !== undefined && values.year !== undefined)
    throw new CliError(`Ange antingen --period eller --year, inte båda.\nAnvändning: ${usage}`, 2);
  if (values.year !== undefined) return parsePeriod(String(yearOption(values.year, usage)));
  if (values.period === undefined) throw new CliError(`--period saknas: skriv ${PERIOD_FORMS}.\nAnvändning: ${usage}`, 2);
  try {
    return parsePeriod(values.period);
  } catch (err) {
    if (err instanceof PeriodError) throw new CliError(`--period: ${err.message}\nAnvändning: ${usage}`, 2);
    throw err;
  }
}

export function dateOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new CliError(`--${name} måste vara ett datum skrivet ÅÅÅÅ-MM-DD, inte "${value}".`, 2);
  return value;
}

/** --insats or --group (a named group of insatser, counted together), not both. */
export function insatsOrGroup(values: { insats?: string; group?: string }, usage: string): { insats: string | null; group: string | null } {
  const insats = values.insats?.trim() || null;
  const group = values.group?.trim() || null;
  if (insats && group) throw new CliError(`Ange antingen --insats eller --group, inte båda.\nAnvändning: ${usage}`, 2);
  return { insats, group };
}
