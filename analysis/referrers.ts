// The referrer code book: which member of the förbund (kommun, region, Försäkringskassan,
// Arbetsförmedlingen), or the participant themself, each "Anmälande part" spelling belongs to, and
// the roll-up of referrer counts to those members. Built-in defaults; a förbund replaces them with a
// JSON file (FINSAM_REFERRER_CODEBOOK, docs/import.md "Anmälande part per medlem"). Pure: the file
// is read in server/followup/referrerCodebook.ts.
import type { Gender } from './gender.js';
import { MISSING, tabulateVariable, variableTable, type VariableDistribution, type VariableRow } from './variables.js';
import type { Table } from './csv.js';

export interface ReferrerMember {
  /** The member's name as tables show it ("Kommun", or "Stockholms stad"). */
  name: string;
  /** Whole spellings that belong to the member (the name itself always does). */
  referrers: readonly string[];
  /** Beginnings: "Stadsdelsförvaltning" takes "Stadsdelsförvaltning Norr". */
  prefixes: readonly string[];
  /** The member that takes every referrer no other member has (exactly one). */
  other: boolean;
}

export interface ReferrerCodebook {
  id: string;
  /** In table order, which is also the tie-break order for rounding. */
  members: readonly ReferrerMember[];
}

/** Matching key: case, diacritics, spaces and punctuation do not count ("Jobbtorg / Staden" = "jobbtorgstaden"). */
export function referrerKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const member = (name: string, referrers: string[], prefixes: string[] = [], other = false): ReferrerMember => ({
  name,
  referrers,
  prefixes,
  other,
});

export const DEFAULT_REFERRER_CODEBOOK: ReferrerCodebook = {
  id: 'standard',
  members: [
    member(
      'Kommun',
      ['Kommunen', 'Staden', 'Socialtjänst', 'Jobbtorg/staden', 'Ekonomiskt bistånd', 'Försörjningsstöd'],
      [
        'Kommun',
        'Stadsdel',
        'Socialtjänst',
        'Socialförvaltning',
        'Jobbtorg',
        'Arbetsmarknadsförvaltning',
        'Arbetsmarknadsenhet',
        'Vuxenutbildning',
      ],
    ),
    member(
      'Region',
      [
        'Regionen',
        'Landstinget',
        'Hälso- och sjukvård',
        'Hälso- och sjukvården',
        'Sjukvården',
        'Primärvården',
        'Psykiatrin',
        'Vårdcentralen',
      ],
      ['Region', 'Landsting', 'Psykiatri', 'Vårdcentral', 'Primärvård', 'Hälso- och sjukvård', 'Sjukvård', 'Beroendevård', 'Habilitering'],
    ),
    member('Försäkringskassan', ['FK', 'Försäkringskassa'], ['Försäkringskassan']),
    member('Arbetsförmedlingen', ['AF', 'Arbetsförmedling'], ['Arbetsförmedlingen']),
    member('Egen anmälan', ['Eget initiativ', 'Självanmälan', 'Egen', 'Själv', 'Självremiss'], ['Egen anmälan', 'Självanmäl']),
    member('Annan', [], [], true),
  ],
};

/** Reads code books once into lookup tables (the tables are small; the cache is per code book). */
const lookups = new WeakMap<ReferrerCodebook, { exact: Map<string, string>; prefixes: [string, string][]; other: string }>();

function lookupOf(book: ReferrerCodebook) {
  let l = lookups.get(book);
  if (l) return l;
  const exact = new Map<string, string>();
  const prefixes: [string, string][] = [];
  for (const m of book.members) {
    for (const r of [m.name, ...m.referrers]) if (referrerKey(r) && !exact.has(referrerKey(r))) exact.set(referrerKey(r), m.name);
    for (const p of m.prefixes) if (referrerKey(p)) prefixes.push([referrerKey(p), m.name]);
  }
  // The longest beginning wins; between equally long ones the member listed first (stable sort).
  prefixes.sort((a, b) => b[0].length - a[0].length);
  const other = book.members.find((m) => m.other)?.name ?? 'Annan';
  lookups.set(book, (l = { exact, prefixes, other }));
  return l;
}

/** The member a referrer belongs to; "Uppgift saknas" for a blank one. */
export function memberOf(book: ReferrerCodebook, referrer: string | null): string {
  const key = referrer === null ? '' : referrerKey(referrer);
  if (!key) return MISSING;
  const l = lookupOf(book);
  const hit = l.exact.get(key) ?? l.prefixes.find(([p]) => key.startsWith(p))?.[1];
  return hit ?? l.other;
}

export interface MemberRow extends VariableRow {
  /** The referrer spellings counted in this member, most common first. */
  referrers: string[];
}

export interface MemberDistribution extends VariableDistribution {
  rows: MemberRow[];
  /** The code book used ("standard" or the file's id). */
  codebook: string;
}

/**
 * Referrer counts rolled up to members: every member in code-book order (also those with no one),
 * "Uppgift saknas" last; shares by largest remainder with ties by member order, in all and within
 * each gender; shares of a group below k are null.
 */
export function rollUpReferrers(
  rows: readonly { referrer: string | null; gender: Gender; count: number }[],
  book: ReferrerCodebook,
  minCell: number,
): MemberDistribution {
  const spellings = new Map<string, Map<string, number>>();
  const counts = rows.map((r) => {
    const m = memberOf(book, r.referrer);
    const spelling = r.referrer?.trim();
    if (spelling && r.count > 0) {
      const s = spellings.get(m) ?? new Map<string, number>();
      s.set(spelling, (s.get(spelling) ?? 0) + r.count);
      spellings.set(m, s);
    }
    return { value: m === MISSING ? null : m, gender: r.gender, count: r.count };
  });
  const d = tabulateVariable(counts, { minCell, order: book.members.map((m) => m.name), keepEmpty: true });
  return {
    ...d,
    codebook: book.id,
    rows: d.rows.map((r) => ({
      ...r,
      referrers: [...(spellings.get(r.value) ?? new Map<string, number>()).entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'sv'))
        .map(([s]) => s),
    })),
  };
}

/** The member table as CSV rows: variableTable plus a last column with the spellings each member took in. */
export function memberTable(
  title: string,
  d: VariableDistribution & { rows: (VariableRow & { referrers?: readonly string[] })[] },
  minCell: number,
): Table {
  const t = variableTable(title, d, minCell);
  return {
    headers: [...t.headers, 'Anmälande parter som ingår'],
    rows: t.rows.map((row, i) => [...row, d.rows[i]?.referrers?.join(', ') ?? null]),
  };
}

type Parsed = { ok: true; codebook: ReferrerCodebook } | { ok: false; errors: string[] };

const MEMBER_FIELDS = new Set(['name', 'referrers', 'prefixes', 'other']);
const MAX_MEMBERS = 30;

function stringList(value: unknown, where: string, errors: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push(`${where} måste vara en lista med texter, t.ex. ["Jobbtorg/staden", "Socialtjänsten"].`);
    return [];
  }
  const out: string[] = [];
  value.forEach((v, i) => {
    if (typeof v !== 'string' || !referrerKey(v))
      errors.push(`Värde nr ${i + 1} i ${where} är ingen text. Skriv varje stavning inom citattecken.`);
    else out.push(v.normalize('NFC').trim().replace(/\s+/g, ' '));
  });
  return out;
}

/** Validates a parsed JSON value as a referrer code book; every problem is listed, in Swedish. */
export function validateReferrerCodebook(value: unknown): Parsed {
  const errors: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Array.isArray((value as { members?: unknown }).members)) {
    return {
      ok: false,
      errors: [
        'Kodboken för anmälande part måste vara ett JSON-objekt med fältet "members": en lista med medlemmar, t.ex. { "name": "Kommun", "referrers": ["Jobbtorg/staden"] }.',
      ],
    };
  }
  const o = value as { id?: unknown; members: unknown[] };
  const id = o.id === undefined ? 'egen' : typeof o.id === 'string' ? o.id.trim() : '';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id))
    errors.push('Fältet "id" får bara innehålla bokstäverna a–z, siffror, bindestreck, punkt och understreck (eller utelämnas).');
  if (o.members.length === 0 || o.members.length > MAX_MEMBERS)
    errors.push(`"members" ska ha mellan 1 och ${MAX_MEMBERS} medlemmar (har ${o.members.length}).`);
  const members: ReferrerMember[] = [];
  const names = new Map<string, string>();
  const spellings = new Map<string, string>();
  const prefixes = new Map<string, string>();
  o.members.forEach((raw, i) => {
    const where = `medlem nr ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push(`${where} måste vara ett objekt med "name" och "referrers" och/eller "prefixes".`);
      return;
    }
    const m = raw as Record<string, unknown>;
    for (const k of Object.keys(m))
      if (!MEMBER_FIELDS.has(k)) errors.push(`Okänt fält "${k.slice(0, 40)}" i ${where}. Tillåtna fält: name, referrers, prefixes, other.`);
    const name = typeof m.name === 'string' ? m.name.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
    if (!referrerKey(name) || name.length > 80) {
      errors.push(`${where} saknar namn ("name"), eller namnet är längre än 80 tecken.`);
      return;
    }
    const nameKey = referrerKey(name);
    if (nameKey === referrerKey(MISSING)) errors.push(`"${MISSING}" är reserverat för tomma värden och kan inte vara en medlem.`);
    if (names.has(nameKey)) errors.push(`Medlemmen "${name}" finns två gånger. Ta bort den ena.`);
    names.set(nameKey, name);
    if (m.other !== undefined && typeof m.other !== 'boolean') errors.push(`"other" i ${where} ska vara true eller false.`);
    const referrers = stringList(m.referrers, `"referrers" för ${name}`, errors);
    const starts = stringList(m.prefixes, `"prefixes" för ${name}`, errors);
    for (const r of [name, ...referrers]) {
      const earlier = spellings.get(referrerKey(r));
      if (earlier !== undefined && earlier !== name)
        errors.push(`Stavningen "${r}" finns hos både ${earlier} och ${name}. Ta bort den ur den ena.`);
      spellings.set(referrerKey(r), name);
    }
    for (const p of starts) {
      const earlier = prefixes.get(referrerKey(p));
      if (earlier !== undefined && earlier !== name)
        errors.push(`Början "${p}" finns hos både ${earlier} och ${name}. Ta bort den ur den ena.`);
      prefixes.set(referrerKey(p), name);
    }
    members.push({ name, referrers, prefixes: starts, other: m.other === true });
  });
  const others = members.filter((m) => m.other);
  if (others.length > 1) errors.push(`Bara en medlem kan ha "other": true (nu: ${others.map((m) => m.name).join(', ')}).`);
  if (errors.length) return { ok: false, errors };
  // Without a member marked "other", unmatched referrers go to a member called Annan (added last
  // unless the file lists one).
  if (others.length === 0) {
    const annan = members.find((m) => referrerKey(m.name) === 'annan');
    if (annan) annan.other = true;
    else members.push(member('Annan', [], [], true));
  }
  return { ok: true, codebook: { id, members } };
}

/** Parses the text of a referrer code-book JSON file. */
export function parseReferrerCodebookJson(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [`Filen är inte giltig JSON (${detail}). Kontrollera kommatecken, citattecken och klamrar.`] };
  }
  return validateReferrerCodebook(value);
}
