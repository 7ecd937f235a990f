// Reading targets and hand-entered outcomes as people write them, for the web form and the command
// line alike: "70", "65 %", "40-60", "40–60 %", "+20", "+20 %", "−10 p.e.", "101", "202 av 240",
// "Okänt, då antal besvarade enkäter varit för få".
import { UserError } from '../errors.js';

const NUMBER = String.raw`[0-9]+(?:[.,][0-9]+)?`;

function num(text: string): number {
  return Number(text.replace(',', '.'));
}

export type StatedTarget =
  | { mode: 'value'; value: number }
  | { mode: 'band'; value: number; valueHigh: number }
  | { mode: 'change'; value: number; changeUnit: 'points' | 'percent' }
  | { mode: 'shrink'; value: 0 };

/** A target as written; a UserError in Swedish when it cannot be read. */
export function parseTargetValue(input: { mode: 'value' | 'band' | 'change'; text: string } | { mode: 'shrink' }): StatedTarget {
  if (input.mode === 'shrink') return { mode: 'shrink', value: 0 };
  const t = input.text.trim().replace(/\u2212/g, '-');
  let m: RegExpExecArray | null;
  if (input.mode === 'value') {
    if ((m = new RegExp(`^(${NUMBER})\\s*%?$`).exec(t))) return { mode: 'value', value: num(m[1]!) };
    throw new UserError(`Skriv målvärdet som ett tal, t.ex. 70 eller 65 – inte "${t.slice(0, 30)}".`);
  }
  if (input.mode === 'band') {
    if ((m = new RegExp(`^(${NUMBER})\\s*%?\\s*[-–]\\s*(${NUMBER})\\s*%?$`).exec(t)))
      return { mode: 'band', value: num(m[1]!), valueHigh: num(m[2]!) };
    throw new UserError(`Skriv intervallet som två tal med bindestreck, t.ex. 40-60 – inte "${t.slice(0, 30)}".`);
  }
  if ((m = new RegExp(`^([+-])\\s*(${NUMBER})\\s*(%|procent|p\\.?e\\.?|procentenheter)?$`, 'i').exec(t))) {
    const value = num(m[2]!) * (m[1] === '-' ? -1 : 1);
    const unit = (m[3] ?? '').toLowerCase();
    return { mode: 'change', value, changeUnit: unit === '%' || unit === 'procent' ? 'percent' : 'points' };
  }
  throw new UserError(
    `Skriv förändringen med tecken, t.ex. +20 (procentenheter), +20 % (procent av förra årets värde) eller -10 – inte "${t.slice(0, 30)}".`,
  );
}

/** A hand-entered outcome: "101", "84 %", "202 av 240" / "202/240", or a text such as "Okänt". */
export function parseManualOutcome(text: string): { value: number | null; of: number | null; text: string | null } {
  const t = text.trim();
  if (!t) throw new UserError('Skriv utfallet: ett tal (101), ett tal av en total (202 av 240) eller en text (Okänt).');
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^(${NUMBER})\\s*(?:/|av)\\s*(${NUMBER})$`, 'i').exec(t))) return { value: num(m[1]!), of: num(m[2]!), text: null };
  if ((m = new RegExp(`^(${NUMBER})\\s*%?$`).exec(t))) return { value: num(m[1]!), of: null, text: null };
  return { value: null, of: null, text: t };
}

const written = (n: number) => String(n).replace('.', ',');

/** A stored target's value as the form takes it back ("70", "40-60", "+20", "-10 %"); empty for "ska minska". */
export function formatTargetValue(t: { mode: string; value: number; valueHigh: number | null; changeUnit: string | null }): string {
  if (t.mode === 'shrink') return '';
  if (t.mode === 'band') return `${written(t.value)}-${written(t.valueHigh ?? t.value)}`;
  if (t.mode === 'change') return `${t.value < 0 ? '-' : '+'}${written(Math.abs(t.value))}${t.changeUnit === 'percent' ? ' %' : ''}`;
  return written(t.value);
}

/** A hand-entered outcome as the form takes it back ("101", "202 av 240", "Okänt"); empty when there is none. */
export function formatManualOutcome(m: { value: number | null; of: number | null; text: string | null } | null): string {
  if (!m) return '';
  if (m.text !== null) return m.text;
  if (m.value === null) return '';
  return m.of !== null ? `${written(m.value)} av ${written(m.of)}` : written(m.value);
}
