// One rule for an insats's name, wherever it is typed or imported (docs/glossary.md): spacing and
// Unicode composition do not matter, case does not matter (å/ä/ö included, which SQLite's NOCASE does
// not fold), and a name has 1–120 characters.

export const INSATS_NAME_MAX = 120;

/** The name as stored: composed (NFC), trimmed, runs of white space as one space. */
export function cleanInsatsName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The key under which two spellings are the same insats. */
export function insatsNameKey(name: string): string {
  return cleanInsatsName(name).toLocaleLowerCase('sv');
}

/** A Swedish message when a (cleaned) name cannot be used, else null. */
export function insatsNameProblem(clean: string): string | null {
  return clean.length === 0 || clean.length > INSATS_NAME_MAX ? `Insatsens namn måste ha 1–${INSATS_NAME_MAX} tecken.` : null;
}
