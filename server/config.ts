// Configuration from the environment. Every setting has a safe default so that `npm start` works
// on a fresh machine; docs/configuration.md lists them for operators.
import net from 'node:net';
import { checkContact, type ForbundContact } from '../analysis/forbundIdentityRules.js';

export interface Config {
  /** SQLite file (FINSAM_DB). */
  dbPath: string;
  port: number;
  /** Listen address (FINSAM_HOST); null listens on every interface, as Node does by default. */
  host: string | null;
  /** Public base URL used in printed survey links and QR codes (FINSAM_BASE_URL). */
  baseUrl: string;
  /** Extra questionnaire JSON files (FINSAM_SURVEYS_DIR). */
  surveysDir: string | null;
  /** Seed demo data into an empty database (FINSAM_DEMO, default on). */
  demo: boolean;
  /** Smallest group for which a figure is shown (FINSAM_MIN_CELL, default 5, never below 3). */
  minCell: number;
  /** Default end-reason code book: standard, sus or a JSON file (FINSAM_CODEBOOK). */
  codebook: string;
  /** Referrer code book (members and their referrer spellings), a JSON file; null = built in (FINSAM_REFERRER_CODEBOOK). */
  referrerCodebook: string | null;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* and mark cookies Secure (FINSAM_TRUST_PROXY). */
  trustProxy: boolean;
  /**
   * The proxies whose X-Forwarded-For is believed (FINSAM_TRUST_PROXY=1 means the loopback interface;
   * a list of addresses or subnets names a proxy elsewhere). A client that connects directly from any
   * other address cannot choose the address the sign-in throttle sees (docs/security.md).
   */
  trustedProxies: string[];
  /** scrypt cost N for new password hashes (FINSAM_SCRYPT_COST, power of two; docs/configuration.md). */
  scryptCost: number;
  /** Target attainment: "God" when at most this many percentage points short (FINSAM_GOAL_MARGIN_PP). */
  attainmentGoodPoints: number;
  /** … or, for counts, at most this many percent short (FINSAM_GOAL_MARGIN_PCT). */
  attainmentGoodCountPercent: number;
  /** … "Delvis uppfyllt" when at most this many points short (FINSAM_GOAL_PARTIAL_PP). */
  attainmentPartialPoints: number;
  /** … or, for counts, at most this many percent short (FINSAM_GOAL_PARTIAL_PCT). */
  attainmentPartialCountPercent: number;
  /**
   * The förbund's three grade names, good to not met (FINSAM_GRADES, "God;Delvis uppfyllt;Ej uppfyllt"),
   * or null for no grading at all (FINSAM_GRADES=ingen).
   */
  gradeNames: readonly [string, string, string] | null;
  /**
   * The start values of the förbund's name and contact details (FINSAM_FORBUND_NAMN, _EPOST, _TELEFON,
   * _WEBB), shown until someone saves them in the web or with `finsam forbund set`
   * (server/settings/forbundIdentity.ts, docs/configuration.md "Förbundets uppgifter").
   */
  forbund: ForbundContact;
  /**
   * A mapping between two code books (FINSAM_CODEBOOK_MAPPING, docs/import.md): the same period a
   * year earlier is converted to the current code book before it is compared. Null for none.
   */
  codebookMapping: string | null;
  /** Survey posts allowed per round and minute before 429 (FINSAM_SUBMIT_LIMIT). */
  submitLimitPerMinute: number;
  /** Responses and follow-up older than this many years may be purged (FINSAM_RETENTION_YEARS). */
  retentionYears: number | null;
  /**
   * Production settings (compiled templates kept, Express in production mode). On unless
   * NODE_ENV=development, so `npm start` needs no NODE_ENV to be fast.
   */
  production: boolean;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`${name} måste vara ett heltal, inte "${value}".`);
  return n;
}

/** scrypt cost: 2^15 by default; below 2^14 only in a test run, above 2^17 never (memory 128·N·r bytes). */
export const DEFAULT_SCRYPT_COST = 1 << 15;
export const MIN_SCRYPT_COST = 1 << 14;
export const MIN_TEST_SCRYPT_COST = 1 << 10;
export const MAX_SCRYPT_COST = 1 << 17;

function scryptCost(env: NodeJS.ProcessEnv): number {
  const n = int(env.FINSAM_SCRYPT_COST, DEFAULT_SCRYPT_COST, 'FINSAM_SCRYPT_COST');
  const testRun = env.NODE_ENV === 'test' || Boolean(env.VITEST);
  const min = testRun ? MIN_TEST_SCRYPT_COST : MIN_SCRYPT_COST;
  if (n < min || n > MAX_SCRYPT_COST || (n & (n - 1)) !== 0)
    throw new Error(
      `FINSAM_SCRYPT_COST måste vara en tvåpotens från ${min} till ${MAX_SCRYPT_COST} (angivet: ${n}). Standard är ${DEFAULT_SCRYPT_COST}; lägre värden gör lösenorden lättare att knäcka.`,
    );
  return n;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrSubnet(value: string): boolean {
  if (PROXY_NAMES.includes(value)) return true;
  const [ip, bits, ...rest] = value.split('/');
  const version = net.isIP(ip ?? '');
  if (!version || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/** FINSAM_TRUST_PROXY: off, 1 (a proxy on this machine), or the proxies' addresses/subnets. */
function proxySetting(value: string | undefined): { trustProxy: boolean; trustedProxies: string[] } {
  const v = (value ?? '').trim();
  if (!flag(v, false)) return { trustProxy: false, trustedProxies: ['loopback'] };
  if (['1', 'true', 'ja', 'yes', 'on'].includes(v.toLowerCase())) return { trustProxy: true, trustedProxies: ['loopback'] };
  const list = v.split(/[\s,]+/).filter(Boolean);
  const bad = list.find((x) => !isAddressOrSubnet(x));
  if (bad !== undefined)
    throw new Error(
      `FINSAM_TRUST_PROXY ska vara 0, 1 (proxyn kör på samma dator) eller proxyns adresser, t.ex. 10.0.0.5 eller 10.0.0.0/24 – inte "${bad}".`,
    );
  return { trustProxy: true, trustedProxies: list };
}

function hostSetting(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  if (!net.isIP(v) && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(v))
    throw new Error(`FINSAM_HOST ska vara en adress att lyssna på, t.ex. 127.0.0.1 eller 0.0.0.0 – inte "${v}".`);
  return v;
}

/** The förbund's start values (FINSAM_FORBUND_*), checked by the same rules as the web form so a typo is caught at start. */
function forbundSetting(env: NodeJS.ProcessEnv): Config['forbund'] {
  const { values, errors } = checkContact({
    name: env.FINSAM_FORBUND_NAMN,
    email: env.FINSAM_FORBUND_EPOST,
    phone: env.FINSAM_FORBUND_TELEFON,
    web: env.FINSAM_FORBUND_WEBB,
  });
  const variable = {
    name: 'FINSAM_FORBUND_NAMN',
    email: 'FINSAM_FORBUND_EPOST',
    phone: 'FINSAM_FORBUND_TELEFON',
    web: 'FINSAM_FORBUND_WEBB',
  };
  // An unset name is the default name, not an error.
  const problem = (Object.keys(errors) as (keyof typeof variable)[]).find((k) => k !== 'name' || env.FINSAM_FORBUND_NAMN);
  if (problem) throw new Error(`${variable[problem]}: ${errors[problem]}`);
  return values;
}

/** FINSAM_GRADES: three names separated by ";" (good; partial; not met), or "ingen" for no grading. */
function gradeNames(value: string | undefined): readonly [string, string, string] | null {
  const v = (value ?? '').trim();
  if (!v) return ['God', 'Delvis uppfyllt', 'Ej uppfyllt'];
  if (/^(ingen|inga|none|nej|0)$/i.test(v)) return null;
  const names = v.split(';').map((x) => x.trim());
  if (names.length !== 3 || names.some((x) => !x || x.length > 40) || new Set(names.map((x) => x.toLowerCase())).size !== 3)
    throw new Error(
      `FINSAM_GRADES ska vara tre olika namn åtskilda med semikolon, från bäst till sämst (t.ex. "Uppfyllt;Godtagbart;Ej uppfyllt"), eller "ingen" – inte "${v.slice(0, 80)}".`,
    );
  return names as [string, string, string];
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'nej', 'no', 'off'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 3000, 'PORT');
  const minCell = int(env.FINSAM_MIN_CELL, 5, 'FINSAM_MIN_CELL');
  if (minCell < 3) throw new Error(`FINSAM_MIN_CELL får inte vara lägre än 3 (angivet: ${minCell}).`);
  const retention = env.FINSAM_RETENTION_YEARS ? int(env.FINSAM_RETENTION_YEARS, 0, 'FINSAM_RETENTION_YEARS') : null;
  return {
    dbPath: env.FINSAM_DB || './data/finsam.db',
    port,
    host: hostSetting(env.FINSAM_HOST),
    baseUrl: (env.FINSAM_BASE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    surveysDir: env.FINSAM_SURVEYS_DIR || null,
    demo: flag(env.FINSAM_DEMO, true),
    minCell,
    codebook: env.FINSAM_CODEBOOK || 'standard',
    referrerCodebook: env.FINSAM_REFERRER_CODEBOOK || null,
    ...proxySetting(env.FINSAM_TRUST_PROXY),
    scryptCost: scryptCost(env),
    attainmentGoodPoints: int(env.FINSAM_GOAL_MARGIN_PP, 5, 'FINSAM_GOAL_MARGIN_PP'),
    attainmentGoodCountPercent: int(env.FINSAM_GOAL_MARGIN_PCT, 5, 'FINSAM_GOAL_MARGIN_PCT'),
    attainmentPartialPoints: int(env.FINSAM_GOAL_PARTIAL_PP, 15, 'FINSAM_GOAL_PARTIAL_PP'),
    attainmentPartialCountPercent: int(env.FINSAM_GOAL_PARTIAL_PCT, 25, 'FINSAM_GOAL_PARTIAL_PCT'),
    gradeNames: gradeNames(env.FINSAM_GRADES),
    codebookMapping: env.FINSAM_CODEBOOK_MAPPING || null,
    forbund: forbundSetting(env),
    submitLimitPerMinute: int(env.FINSAM_SUBMIT_LIMIT, 120, 'FINSAM_SUBMIT_LIMIT'),
    retentionYears: retention,
    production: env.NODE_ENV !== 'development',
  };
}

/** A configuration for tests: in-memory defaults with overrides; the test run's scrypt cost applies. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const { FINSAM_SCRYPT_COST, NODE_ENV, VITEST } = process.env;
  return { ...loadConfig({ FINSAM_DB: ':memory:', FINSAM_DEMO: '0', FINSAM_SCRYPT_COST, NODE_ENV, VITEST }), ...overrides };
}
