// Shared test set-up: a fresh migrated database in a temporary file, and an app around it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { openDatabase, type Db } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { testConfig, type Config } from '../server/config.js';
import { createApp } from '../server/app.js';
import { silentLogger } from '../server/logger.js';
import { runCli } from '../server/cli/main.js';
import { addInsats, createRound, type NewRound } from '../server/survey/rounds.js';
import { loadConfiguredSurveys } from '../server/survey/registry.js';
import { createFormNonces } from '../server/survey/formNonces.js';
import { today } from '../server/time.js';

export const surveys = loadConfiguredSurveys({ surveysDir: null });

export function tempDbPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-test-'));
  return path.join(dir, 'test.db');
}

export async function freshDb(file = tempDbPath()): Promise<Db> {
  const db = await openDatabase(file);
  await migrate(db);
  return db;
}

/** An app on a fresh database, or on `deps.db` (a database a test has filled already). */
export async function testApp(overrides: Partial<Config> = {}, deps: { clock?: () => number; db?: Db } = {}) {
  const db = deps.db ?? (await freshDb());
  const config = testConfig({ dbPath: db.path, ...overrides });
  const app = createApp({ db, config, surveys, logger: silentLogger, ...(deps.clock ? { clock: deps.clock } : {}) });
  return { db, config, app, ctx: app.locals.ctx };
}

export async function makeRound(db: Db, overrides: Partial<NewRound> & { insats?: string } = {}) {
  const name = overrides.insats ?? 'FINSAM-team';
  const existing = await db.first<{ id: number }>('SELECT id FROM insatser WHERE name = ?', [name]);
  const insatsId = existing?.id ?? (await addInsats(db, name)).id;
  const instrumentId = overrides.instrumentId ?? 'nns-deltagare-avslut';
  return createRound(db, {
    instrumentId,
    instrumentVersion: surveys.get(instrumentId)!.version,
    insatsId,
    period: '2024',
    ...overrides,
  });
}

/** Runs the CLI in-process against the given database file. */
export async function cli(args: string[], env: Record<string, string>, stdinText = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli(args, {
    stdout,
    stderr,
    stdin: Readable.from([stdinText]),
    env: { FINSAM_DEMO: '0', ...env },
  });
  return { code, stdout: out, stderr: err };
}

/** Extracts the hidden nonce from a rendered form. */
export function nonceOf(html: string): string {
  const m = /name="nonce" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no nonce in form');
  return m[1]!;
}

/** A nonce the server would issue for the round today (as if the form had just been fetched). */
export async function issueNonce(db: Db, roundId: number, day = today()): Promise<string> {
  return createFormNonces(db).issue(roundId, day);
}
