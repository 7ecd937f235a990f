// What every route module receives: the database, the configuration, the questionnaires and services.
import type { Db } from './db/database.js';
import type { Config } from './config.js';
import type { SurveyRegistry } from '../surveys/loader.js';
import type { SubmissionWriter } from './survey/submissions.js';
import type { Logger } from './logger.js';

export interface AppContext {
  db: Db;
  config: Config;
  surveys: SurveyRegistry;
  submissions: SubmissionWriter;
  logger: Logger;
  /** Milliseconds since the epoch; injectable so tests can move time (session expiry, lock-outs). */
  clock: () => number;
}
