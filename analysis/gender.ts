// Gender, the one way (docs/glossary.md): three buckets. Stored values are Swedish ('kvinna', 'man',
// 'annat' = annat, ej angivet or blank); result objects use the English keys women/men/other; every
// page, table and chart uses the Swedish plural labels below.

/** A respondent's or participant's gender as stored. */
export type Gender = 'kvinna' | 'man' | 'annat';

/** The key of a gender in result objects (JSON, tables). */
export type GenderKey = 'women' | 'men' | 'other';

/** In display order. */
export const GENDERS: readonly Gender[] = ['kvinna', 'man', 'annat'];

export const GENDER_KEY: Readonly<Record<Gender, GenderKey>> = { kvinna: 'women', man: 'men', annat: 'other' };

/** Column and legend labels. */
export const GENDER_LABEL: Readonly<Record<GenderKey, string>> = {
  women: 'Kvinnor',
  men: 'Män',
  other: 'Annat/ej angivet',
};
