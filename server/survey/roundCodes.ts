// Short codes to type from paper (docs/security.md "Kort kod"): "K7QM-3PXA" leads to the round's form.
// Eight characters from 30 letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L,
// no U beside V) give about 39 bits; guessing is further slowed by a rate limit on the lookup.
import crypto from 'node:crypto';
import type { Db } from '../db/database.js';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;

/** A fresh random code, without the dash. */
export function newCode(): string {
  const bytes = crypto.randomBytes(LENGTH * 2);
  let code = '';
  for (let i = 0; code.length < LENGTH; i++) {
    // Rejection sampling keeps every character equally likely.
    const b = bytes[i % bytes.length]! ^ (i >= bytes.length ? crypto.randomBytes(1)[0]! : 0);
    if (b < 256 - (256 % CODE_ALPHABET.length)) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  }
  return code;
}

/** "K7QM3PXA" → "K7QM-3PXA", for print. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What someone typed, as a stored code: dashes, spaces and case ignored; null when it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const clean = typed.toUpperCase().replace(/[\s-]+/g, '');
  if (clean.length !== LENGTH) return null;
  for (const ch of clean) if (!CODE_ALPHABET.includes(ch)) return null;
  return clean;
}

/** The round's code, made on first use. */
export async function codeForRound(db: Db, roundId: number): Promise<string> {
  const existing = await db.first<{ code: string }>('SELECT code FROM round_codes WHERE round_id = ?', [roundId]);
  if (existing) return existing.code;
  for (let attempt = 0; attempt < 5; attempt++) {
    // Writes go through the writer connection (server/db/database.ts), so the insert is a transaction.
    const row = await db.transaction((tx) =>
      tx.first<{ code: string }>('INSERT INTO round_codes (code, round_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING code', [
        newCode(),
        roundId,
      ]),
    );
    if (row) return row.code;
    const again = await db.first<{ code: string }>('SELECT code FROM round_codes WHERE round_id = ?', [roundId]);
    if (again) return again.code;
  }
  throw new Error('could not make a free round code');
}

/** The token of the round with this code, or null. */
export async function tokenForCode(db: Db, typed: string): Promise<string | null> {
  const code = normaliseCode(typed);
  if (!code) return null;
  const row = await db.first<{ token: string }>('SELECT r.token FROM round_codes c JOIN rounds r ON r.id = c.round_id WHERE c.code = ?', [
    code,
  ]);
  return row?.token ?? null;
}
