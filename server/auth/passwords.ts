// Password hashing with scrypt (node:crypto): random salt, and the parameters stored with the hash, so
// a hash made at any cost (FINSAM_SCRYPT_COST, see docs/configuration.md) still verifies after the
// setting changes.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { DEFAULT_SCRYPT_COST } from '../config.js';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const R = 8;
const P = 1;
const KEYLEN = 32;
/** Stored hashes are trusted up to this cost; anything larger is treated as malformed. */
const MAX_STORED_COST = 1 << 20;
export const MIN_PASSWORD_LENGTH = 12;

/** scrypt needs 128·N·r bytes; node refuses above maxmem, so it is sized to the parameters. */
const maxmem = (n: number, r: number) => 128 * n * r + 1024 * 1024;

export async function hashPassword(password: string, cost: number = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N: cost, r: R, p: P, maxmem: maxmem(cost, R) });
  return `scrypt$${cost}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  const N = Number(n);
  const rr = Number(r);
  const pp = Number(p);
  const sane =
    scheme === 'scrypt' &&
    !rest.length &&
    salt &&
    key &&
    Number.isInteger(N) &&
    N > 1 &&
    N <= MAX_STORED_COST &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(rr) &&
    rr >= 1 &&
    rr <= 32 &&
    Number.isInteger(pp) &&
    pp >= 1 &&
    pp <= 16;
  if (!sane) return false;
  const expected = Buffer.from(key, 'base64');
  if (expected.length < 16) return false;
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N, r: rr, p: pp, maxmem: maxmem(N, rr) });
  return crypto.timingSafeEqual(actual, expected);
}

/** A hash to verify against when the user does not exist, so both cases take the same time. */
const dummies = new Map<number, Promise<string>>();
export function dummyHash(cost: number = DEFAULT_SCRYPT_COST): Promise<string> {
  let dummy = dummies.get(cost);
  if (!dummy) {
    dummy = hashPassword(crypto.randomBytes(16).toString('hex'), cost);
    dummies.set(cost, dummy);
  }
  return dummy;
}

export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken.`;
  if ([...password].length > 200) return 'Lösenordet får ha högst 200 tecken.';
  return null;
}
