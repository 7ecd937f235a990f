// The rules for the förbund's name and contact details (docs/configuration.md "Förbundets uppgifter"),
// shared by the start values (FINSAM_FORBUND_*), the web form and `finsam forbund set`. Pure.

export interface ForbundContact {
  name: string;
  email: string | null;
  phone: string | null;
  web: string | null;
}

export type ContactField = keyof ForbundContact;

export const DEFAULT_FORBUND_NAME = 'Samordningsförbundet';
const MAX = 200;

/** Trimmed text, or null when empty. */
const text = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * The values checked field by field: each error says in Swedish what is wrong and how to write it.
 * An empty name is an error here (the form must say it); the start values fall back to the default.
 */
export function checkContact(input: Partial<Record<ContactField, string | null | undefined>>): {
  values: ForbundContact;
  errors: Partial<Record<ContactField, string>>;
} {
  const errors: Partial<Record<ContactField, string>> = {};
  const name = text(input.name);
  const email = text(input.email);
  const phone = text(input.phone);
  const web = text(input.web);
  if (!name) errors.name = 'Skriv förbundets namn, t.ex. Samordningsförbundet Norra Dalen.';
  for (const [k, v] of [
    ['name', name],
    ['email', email],
    ['phone', phone],
    ['web', web],
  ] as const)
    if (v && v.length > MAX) errors[k] = `Texten är för lång: högst ${MAX} tecken.`;
  if (email && !errors.email && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email))
    errors.email = `Skriv en e-postadress, t.ex. kansli@forbundet.se – inte "${email}".`;
  if (phone && !errors.phone && !/^\+?[\d\s()-]{5,25}$/.test(phone))
    errors.phone = `Skriv ett telefonnummer med siffror, t.ex. 08-123 456 78 – inte "${phone}".`;
  if (web && !errors.web && !/^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/.test(web))
    errors.web = `Skriv webbadressen med https://, t.ex. https://forbundet.se – inte "${web}".`;
  return { values: { name: name ?? DEFAULT_FORBUND_NAME, email, phone, web }, errors };
}

export type LogoType = 'image/png' | 'image/jpeg';
export const MAX_LOGO_BYTES = 200 * 1024;

/** The logo's type from its first bytes (PNG or JPEG; SVG is refused because it can carry scripts), or an error. */
export function logoType(bytes: Uint8Array): { type: LogoType } | { error: string } {
  if (bytes.length === 0) return { error: 'Välj en bildfil med logotypen (PNG eller JPEG).' };
  if (bytes.length > MAX_LOGO_BYTES)
    return { error: `Bilden är för stor: högst ${MAX_LOGO_BYTES / 1024} kB. Spara den mindre och försök igen.` };
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => bytes[i] === b)) return { type: 'image/png' };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { type: 'image/jpeg' };
  return { error: 'Logotypen ska vara en PNG- eller JPEG-bild. Spara den i ett av de formaten och försök igen.' };
}
