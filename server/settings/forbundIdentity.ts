// The förbund's identity (docs/configuration.md "Förbundets uppgifter"): name, contact details and
// an optional logo, stored once in the database. Until someone saves them, the FINSAM_FORBUND_*
// start values of the configuration are shown.
import crypto from 'node:crypto';
import type { Db } from '../db/database.js';
import { audit } from '../auth/audit.js';
import { UserError } from '../errors.js';
import { checkContact, logoType, type ContactField, type ForbundContact } from '../../analysis/forbundIdentityRules.js';

export interface ForbundIdentity extends ForbundContact {
  /** The logo's address, keyed by when and what was saved so it may be cached for ever; null for none. */
  logoUrl: string | null;
  /** Changes whenever anything shown changes: pages rendered once and reused carry it in their key. */
  stamp: string;
  /** True when nothing is saved yet and the start values are shown. */
  fromStartValues: boolean;
}

interface Row {
  name: string;
  email: string | null;
  phone: string | null;
  web: string | null;
  logo_type: string | null;
  logo_hash: string | null;
  updated_at: string;
}

const EXTENSION: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg' };

export async function loadIdentity(db: Db, start: ForbundContact): Promise<ForbundIdentity> {
  // The logo's key comes from the row's time and the logo's length, so the blob is not read for every page.
  const row = await db.first<Row>(
    `SELECT name, email, phone, web, logo_type, CASE WHEN logo IS NULL THEN NULL ELSE updated_at || ':' || length(logo) END AS logo_hash,
            updated_at FROM forbund_identity WHERE id = 1`,
  );
  if (!row) return { ...start, logoUrl: null, stamp: JSON.stringify(start), fromStartValues: true };
  const logoKey = row.logo_hash ? crypto.createHash('sha256').update(row.logo_hash).digest('hex').slice(0, 16) : null;
  const contact = { name: row.name, email: row.email, phone: row.phone, web: row.web };
  return {
    ...contact,
    logoUrl: logoKey && row.logo_type ? `/logotyp/${logoKey}.${EXTENSION[row.logo_type]}` : null,
    stamp: JSON.stringify([contact, logoKey]),
    fromStartValues: false,
  };
}

/** The stored logo and its type, or null. */
export async function loadLogo(db: Db): Promise<{ bytes: Buffer; type: string } | null> {
  const row = await db.first<{ logo: Buffer | null; logo_type: string | null }>(
    'SELECT logo, logo_type FROM forbund_identity WHERE id = 1',
  );
  return row?.logo && row.logo_type ? { bytes: row.logo, type: row.logo_type } : null;
}

/** Thrown with every field's error, so a form can show them all at once. */
export class ContactErrors extends UserError {
  constructor(readonly errors: Partial<Record<ContactField, string>>) {
    super(Object.values(errors).join(' '));
  }
}

/** Saves name and contact details (the logo is kept); checks everything first, so a bad value saves nothing. */
export async function saveContact(
  db: Db,
  input: Partial<Record<ContactField, string | null | undefined>>,
  userName: string,
): Promise<ForbundContact> {
  const { values, errors } = checkContact(input);
  if (Object.keys(errors).length) throw new ContactErrors(errors);
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO forbund_identity (id, name, email, phone, web, updated_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, phone = excluded.phone,
         web = excluded.web, updated_at = excluded.updated_at`,
      [values.name, values.email, values.phone, values.web, new Date().toISOString()],
    );
    await audit(tx, userName, 'forbund.save', { name: values.name });
  });
  return values;
}

/**
 * Sets the logo (PNG or JPEG up to 200 kB), or removes it with null. Before any contact details are
 * saved, the start values are saved with a new logo so it has a row to live in; removing touches only
 * an existing row, so the start values stay start values.
 */
export async function saveLogo(db: Db, bytes: Buffer | null, start: ForbundContact, userName: string): Promise<void> {
  const now = new Date().toISOString();
  if (!bytes) {
    await db.transaction(async (tx) => {
      const done = await tx.run(
        'UPDATE forbund_identity SET logo = NULL, logo_type = NULL, updated_at = ? WHERE id = 1 AND logo IS NOT NULL',
        [now],
      );
      if (done.changes) await audit(tx, userName, 'forbund.logo.remove');
    });
    return;
  }
  const checked = logoType(bytes);
  if ('error' in checked) throw new UserError(checked.error);
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO forbund_identity (id, name, email, phone, web, logo, logo_type, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET logo = excluded.logo, logo_type = excluded.logo_type, updated_at = excluded.updated_at`,
      [start.name, start.email, start.phone, start.web, bytes, checked.type, now],
    );
    await audit(tx, userName, 'forbund.logo', { format: checked.type });
  });
}

/** The identity read at most once a second (like the rounds of the public pages), so `finsam forbund set` shows at once. */
export function createIdentityCache(db: Db, start: ForbundContact, clock: () => number) {
  let cached: { at: number; value: Promise<ForbundIdentity> } | null = null;
  return {
    get(): Promise<ForbundIdentity> {
      const now = clock();
      if (!cached || now - cached.at >= 1000) {
        const value = loadIdentity(db, start);
        value.catch(() => (cached = null));
        cached = { at: now, value };
      }
      return cached.value;
    },
    /** After a save in this process: the next page shows the new values. */
    forget(): void {
      cached = null;
    },
  };
}

export type IdentityCache = ReturnType<typeof createIdentityCache>;
