// Reads the referrer code book (analysis/referrers.ts): the built-in one, or the JSON file named by
// FINSAM_REFERRER_CODEBOOK (docs/configuration.md). A file that cannot be used is a UserError that
// says what is wrong in it; nothing falls back silently to the defaults.
import fs from 'node:fs';
import { UserError } from '../errors.js';
import { DEFAULT_REFERRER_CODEBOOK, parseReferrerCodebookJson, type ReferrerCodebook } from '../../analysis/referrers.js';

export class ReferrerCodebookError extends UserError {
  constructor(message: string) {
    super(message, 400);
    this.name = 'ReferrerCodebookError';
  }
}

/** The code book at `file`, or the built-in one when no file is configured (null or blank). */
export function loadReferrerCodebook(file: string | null | undefined): ReferrerCodebook {
  if (!file || !file.trim()) return DEFAULT_REFERRER_CODEBOOK;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ReferrerCodebookError(
      `Kodboken för anmälande part "${file}" (FINSAM_REFERRER_CODEBOOK) finns inte eller kan inte läsas. Kontrollera sökvägen, eller ta bort inställningen för att använda den inbyggda.`,
    );
  }
  const parsed = parseReferrerCodebookJson(text);
  if (!parsed.ok) throw new ReferrerCodebookError(`Kodboken för anmälande part i ${file} är ogiltig: ${parsed.errors.join(' ')}`);
  return parsed.codebook;
}
