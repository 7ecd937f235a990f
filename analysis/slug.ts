// File-name parts: Swedish names as ASCII that every file system and URL takes.

/** ASCII-safe slug: å/ä → a, ö → o (and other diacritics dropped), lower case, hyphens. */
export function slugify(text: string, maxLength = 60): string {
  const ascii = text.replace(/[Ææ]/g, 'ae').replace(/[Øø]/g, 'o').replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const slug = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || 'x';
}
