// A code book as a JSON file (docs/import.md "Kodböcker"): checked field by field, every problem
// listed in Swedish. Two reasons, or a reason and an alias, whose match keys are equal could not
// be told apart in a register, so they are an error rather than a silent first-wins.
import { matchKey } from '../../analysis/reasonMatch.js';
import type { Codebook, ReasonGroup } from './codebooks.js';

type Parsed = { ok: true; codebook: Codebook } | { ok: false; errors: string[] };

const clean = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
const short = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed JSON value as a code book. Every problem is listed, in Swedish. */
export function validateCodebook(value: unknown): Parsed {
  const errors: string[] = [];
  if (!isObject(value)) {
    return {
      ok: false,
      errors: ['Kodboken måste vara ett JSON-objekt med fälten "id", "name", "reasons" och "workOrStudies".'],
    };
  }
  const o = value;
  const id = typeof o.id === 'string' ? o.id.trim() : '';
  if (!id) errors.push('Fältet "id" saknas eller är tomt. Ange ett kort namn utan mellanslag, t.ex. "vart-forbund".');
  else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id))
    errors.push(`Fältet "id" ("${id.slice(0, 40)}") får bara innehålla bokstäverna a–z, siffror, bindestreck, punkt och understreck.`);
  const name = typeof o.name === 'string' ? o.name.trim() : '';
  if (!name) errors.push('Fältet "name" saknas eller är tomt. Ange kodbokens namn, t.ex. "Vårt förbund 2024".');

  // Reasons, and the match key of every spelling that means one (reasons first, then aliases).
  const reasons: string[] = [];
  const owner = new Map<string, { reason: string; spelling: string }>();
  if (!Array.isArray(o.reasons) || o.reasons.length === 0) {
    errors.push('Fältet "reasons" måste vara en lista med minst en avslutsorsak, t.ex. ["Arbete", "Studier", "Övrigt"].');
  } else {
    o.reasons.forEach((r, i) => {
      if (typeof r !== 'string' || !r.trim()) {
        errors.push(`Avslutsorsak nr ${i + 1} i "reasons" är inte en text. Skriv varje orsak inom citattecken.`);
        return;
      }
      const reason = clean(r);
      const key = matchKey(reason);
      if (!key) {
        errors.push(`Avslutsorsak nr ${i + 1} i "reasons" ("${short(reason)}") innehåller inga bokstäver eller siffror.`);
        return;
      }
      const earlier = owner.get(key);
      if (earlier) {
        errors.push(
          earlier.reason.toLowerCase() === reason.toLowerCase()
            ? `Avslutsorsaken "${short(reason)}" finns två gånger i "reasons". Ta bort den ena.`
            : `Avslutsorsakerna "${short(earlier.reason)}" och "${short(reason)}" skiljer sig bara i skiljetecken, mellanslag eller versaler och kan inte hållas isär vid import. Ta bort eller byt namn på den ena.`,
        );
        return;
      }
      owner.set(key, { reason, spelling: reason });
      reasons.push(reason);
    });
  }
  const canonical = (r: string) => {
    const hit = owner.get(matchKey(r));
    return hit && hit.reason === hit.spelling ? hit.reason : undefined;
  };

  /** A list of reasons (workOrStudies, a group): canonical spellings, each once, or problems. */
  const reasonList = (list: unknown, where: string, example: string): string[] => {
    const out: string[] = [];
    if (!Array.isArray(list)) {
      errors.push(`${where} måste vara en lista med avslutsorsaker, t.ex. ${example}.`);
      return out;
    }
    list.forEach((r, i) => {
      if (typeof r !== 'string' || !r.trim()) {
        errors.push(`Värde nr ${i + 1} i ${where} är inte en text. Skriv varje orsak inom citattecken.`);
        return;
      }
      const c = canonical(r);
      if (!c) {
        if (reasons.length)
          errors.push(`"${short(r.trim())}" i ${where} finns inte bland "reasons". Lägg till den där eller rätta stavningen.`);
        return;
      }
      if (!out.includes(c)) out.push(c);
    });
    return out;
  };

  const workOrStudies =
    o.workOrStudies === undefined
      ? (errors.push(
          'Fältet "workOrStudies" måste vara en lista med de avslutsorsaker som räknas som arbete eller studier, t.ex. ["Arbete", "Studier"].',
        ),
        [])
      : reasonList(o.workOrStudies, '"workOrStudies"', '["Arbete", "Studier"]');

  // aliases: { "Canonical reason": ["spelling", …] }
  const aliases: Record<string, string[]> = {};
  for (const r of reasons) aliases[r] = [];
  if (o.aliases !== undefined) {
    if (!isObject(o.aliases)) {
      errors.push('Fältet "aliases" måste vara ett objekt: { "Avslutsorsak": ["annan stavning", …] }.');
    } else {
      for (const [reasonText, list] of Object.entries(o.aliases)) {
        const reason = canonical(reasonText);
        if (!reason) {
          if (reasons.length) errors.push(`"${short(reasonText)}" i "aliases" finns inte bland "reasons". Skriv orsaken som i "reasons".`);
          continue;
        }
        if (!Array.isArray(list)) {
          errors.push(`Stavningarna för "${reason}" i "aliases" måste vara en lista, t.ex. ["${reason.split('/')[0]}"].`);
          continue;
        }
        list.forEach((a, i) => {
          if (typeof a !== 'string' || !matchKey(a)) {
            errors.push(`Stavning nr ${i + 1} för "${reason}" i "aliases" är inte en text med bokstäver eller siffror.`);
            return;
          }
          const spelling = clean(a);
          const key = matchKey(spelling);
          const taken = owner.get(key);
          if (taken?.reason === reason) return; // the reason itself, or the same spelling again
          if (taken) {
            errors.push(
              taken.reason === taken.spelling
                ? `Stavningen "${short(spelling)}" för "${reason}" i "aliases" är samma som avslutsorsaken "${taken.reason}". Ta bort den.`
                : `Stavningen "${short(spelling)}" i "aliases" står både för "${taken.reason}" ("${short(taken.spelling)}") och för "${reason}". En stavning kan bara betyda en orsak.`,
            );
            return;
          }
          owner.set(key, { reason, spelling });
          aliases[reason]!.push(spelling);
        });
      }
    }
  }

  // groups: [{ "name": "…", "reasons": [ … ] }]
  const groups: ReasonGroup[] = [];
  if (o.groups !== undefined) {
    if (!Array.isArray(o.groups)) {
      errors.push('Fältet "groups" måste vara en lista: [{ "name": "Arbete eller studier", "reasons": ["Arbete", "Studier"] }].');
    } else {
      const names = new Set<string>();
      o.groups.forEach((g, i) => {
        const gname = isObject(g) && typeof g.name === 'string' ? clean(g.name) : '';
        if (!gname) {
          errors.push(`Grupp nr ${i + 1} i "groups" saknar "name". Ge gruppen ett namn, t.ex. "Arbete eller studier".`);
          return;
        }
        if (names.has(gname.toLowerCase())) {
          errors.push(`Gruppen "${short(gname)}" finns två gånger i "groups". Ta bort eller byt namn på den ena.`);
          return;
        }
        names.add(gname.toLowerCase());
        const before = errors.length;
        const list = reasonList((g as Record<string, unknown>).reasons, `gruppen "${short(gname)}"`, '["Arbete", "Studier"]');
        if (errors.length === before && list.length === 0)
          errors.push(`Gruppen "${short(gname)}" i "groups" har inga avslutsorsaker. Lägg till minst en.`);
        groups.push(Object.freeze({ name: gname, reasons: Object.freeze(list) }));
      });
    }
  }

  if (errors.length) return { ok: false, errors };
  for (const r of reasons) if (aliases[r]!.length === 0) delete aliases[r];
  for (const r of Object.keys(aliases)) Object.freeze(aliases[r]);
  return {
    ok: true,
    codebook: Object.freeze({
      id,
      name,
      reasons: Object.freeze(reasons),
      workOrStudies: Object.freeze(workOrStudies),
      aliases: Object.freeze(aliases),
      groups: Object.freeze(groups),
    }),
  };
}

/** Parses the text of a code-book JSON file. */
export function parseCodebookJson(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [`Kodboken är inte giltig JSON (${detail}). Kontrollera kommatecken, citattecken och klamrar.`] };
  }
  return validateCodebook(value);
}
