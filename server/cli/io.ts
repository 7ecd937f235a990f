// The command line's view of the world, so tests can run commands in-process.
import type { Readable, Writable } from 'node:stream';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Db } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { loadConfiguredSurveys } from '../survey/registry.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { writeJson, writeText } from './output.js';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
}

export interface CliContext {
  io: CliIo;
  config: Config;
  db: Db;
  surveys: SurveyRegistry;
  /** Text and JSON to stdout, and messages to stderr, all terminal-safe (output.ts). */
  print(text: string): void;
  json(value: unknown): void;
  printError(text: string): void;
}

/** Raised for bad arguments or refused operations: printed in Swedish, exit code 2 (usage) or 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export async function withContext<T>(io: CliIo, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const surveys = loadConfiguredSurveys(config);
  const db = await openDatabase(config.dbPath);
  try {
    await migrate(db);
    return await fn({
      io,
      config,
      db,
      surveys,
      print: (t) => writeText(io.stdout, t),
      json: (v) => writeJson(io.stdout, v),
      printError: (t) => writeText(io.stderr, t),
    });
  } finally {
    await db.close();
  }
}

export async function readStdin(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}
