// Form nonces (formulärkoder) issued and checked by the server (docs/security.md, "Formulärkoder").
//
// A nonce is base64url(issue day ‖ 12 random bytes ‖ MAC), where MAC is the first 16 bytes of
// HMAC-SHA256(secret, round id ‖ issue day ‖ random bytes). The secret is made once and kept in the
// settings table, so the server, a restarted server and the command line agree on it. A nonce is
// valid for its round from the day it was issued and the day after (a form opened before midnight
// can still be sent); the unique key in submission_nonces still makes it store one response.
import crypto from 'node:crypto';
import type { Db } from '../db/database.js';

const SECRET_KEY = 'form_nonce_secret';
/** Days a nonce is accepted: the day it was issued and the next. */
export const NONCE_VALID_DAYS = 2;
const DAY_BYTES = 4;
const RANDOM_BYTES = 12;
const MAC_BYTES = 16;
const NONCE_BYTES = DAY_BYTES + RANDOM_BYTES + MAC_BYTES;
const NONCE_TEXT = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in unpadded base64url

/** valid: may be stored; expired: genuine but too old; invalid: made up, altered or for another round. */
export type NonceCheck = 'valid' | 'expired' | 'invalid';

export interface FormNonces {
  issue(roundId: number, day: string): Promise<string>;
  check(roundId: number, nonce: unknown, day: string): Promise<NonceCheck>;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

function mac(secret: Buffer, roundId: number, head: Buffer): Buffer {
  return crypto.createHmac('sha256', secret).update(`finsam-form-nonce-v1:${roundId}:`).update(head).digest().subarray(0, MAC_BYTES);
}

export function issueWith(secret: Buffer, roundId: number, day: string): string {
  const head = Buffer.alloc(DAY_BYTES + RANDOM_BYTES);
  head.writeUInt32BE(dayNumber(day), 0);
  crypto.randomFillSync(head, DAY_BYTES);
  return Buffer.concat([head, mac(secret, roundId, head)]).toString('base64url');
}

export function checkWith(secret: Buffer, roundId: number, nonce: unknown, day: string): NonceCheck {
  if (typeof nonce !== 'string' || !NONCE_TEXT.test(nonce)) return 'invalid';
  const bytes = Buffer.from(nonce, 'base64url');
  // Only the canonical spelling: the last character's spare bits must be zero.
  if (bytes.length !== NONCE_BYTES || bytes.toString('base64url') !== nonce) return 'invalid';
  const head = bytes.subarray(0, DAY_BYTES + RANDOM_BYTES);
  if (!crypto.timingSafeEqual(bytes.subarray(DAY_BYTES + RANDOM_BYTES), mac(secret, roundId, head))) return 'invalid';
  const age = dayNumber(day) - head.readUInt32BE(0);
  if (age < 0) return 'invalid'; // issued "tomorrow": not by this server's clock
  return age < NONCE_VALID_DAYS ? 'valid' : 'expired';
}

/** The signing secret, made on first use (INSERT OR IGNORE: a concurrent first use keeps one). */
async function loadSecret(db: Db): Promise<Buffer> {
  const sql = 'SELECT value FROM settings WHERE key = ?';
  let value = (await db.first<{ value: string }>(sql, [SECRET_KEY]))?.value;
  if (!value) {
    value = await db.exclusive(async (tx) => {
      await tx.run('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)', [SECRET_KEY, crypto.randomBytes(32).toString('hex')]);
      return (await tx.first<{ value: string }>(sql, [SECRET_KEY]))?.value;
    });
  }
  if (!value || !/^[0-9a-f]{64}$/.test(value)) throw new Error('form nonce secret missing or malformed in settings');
  return Buffer.from(value, 'hex');
}

export function createFormNonces(db: Db): FormNonces {
  let secret: Promise<Buffer> | null = null;
  const get = () => {
    secret ??= loadSecret(db).catch((err: unknown) => {
      secret = null; // try again on the next request
      throw err;
    });
    return secret;
  };
  return {
    issue: async (roundId, day) => issueWith(await get(), roundId, day),
    check: async (roundId, nonce, day) => checkWith(await get(), roundId, nonce, day),
  };
}
