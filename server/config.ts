// Configuration from the environment. Every setting has a safe default so that `npm start` works
// on a fresh machine; docs/configuration.md lists them for operators.

export interface Config {
  /** SQLite file (FINSAM_DB). */
  dbPath: string;
  port: number;
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
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* and mark cookies Secure (FINSAM_TRUST_PROXY). */
  trustProxy: boolean;
  /** Target attainment: "God" when at most this many percentage points short (FINSAM_GOAL_MARGIN_PP). */
  goalMarginPoints: number;
  /** … or, for counts, at most this many percent short (FINSAM_GOAL_MARGIN_PCT). */
  goalMarginCountPercent: number;
  /** … "Delvis uppfyllt" when at most this many points short (FINSAM_GOAL_PARTIAL_PP). */
  goalPartialPoints: number;
  /** … or, for counts, at most this many percent short (FINSAM_GOAL_PARTIAL_PCT). */
  goalPartialCountPercent: number;
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
    baseUrl: (env.FINSAM_BASE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    surveysDir: env.FINSAM_SURVEYS_DIR || null,
    demo: flag(env.FINSAM_DEMO, true),
    minCell,
    codebook: env.FINSAM_CODEBOOK || 'standard',
    trustProxy: flag(env.FINSAM_TRUST_PROXY, false),
    goalMarginPoints: int(env.FINSAM_GOAL_MARGIN_PP, 5, 'FINSAM_GOAL_MARGIN_PP'),
    goalMarginCountPercent: int(env.FINSAM_GOAL_MARGIN_PCT, 5, 'FINSAM_GOAL_MARGIN_PCT'),
    goalPartialPoints: int(env.FINSAM_GOAL_PARTIAL_PP, 15, 'FINSAM_GOAL_PARTIAL_PP'),
    goalPartialCountPercent: int(env.FINSAM_GOAL_PARTIAL_PCT, 25, 'FINSAM_GOAL_PARTIAL_PCT'),
    submitLimitPerMinute: int(env.FINSAM_SUBMIT_LIMIT, 120, 'FINSAM_SUBMIT_LIMIT'),
    retentionYears: retention,
    production: env.NODE_ENV !== 'development',
  };
}

/** A configuration for tests: in-memory defaults with overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ FINSAM_DB: ':memory:', FINSAM_DEMO: '0' }), ...overrides };
}
