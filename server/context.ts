// What every route module receives: the database, the configuration, the questionnaires and services.
import type { Db } from './db/database.js';
import type { Config } from './config.js';
import type { SurveyRegistry } from '../surveys/loader.js';
import type { SubmissionWriter } from './survey/submissions.js';
import type { Logger } from './logger.js';
import type { IdentityCache } from './settings/forbundIdentity.js';

export interface AppContext {
  db: Db;
  config: Config;
  surveys: SurveyRegistry;
  submissions: SubmissionWriter;
  logger: Logger;
  /** The förbund's name, contact details and logo as saved (server/settings/forbundIdentity.ts). */
  identity: IdentityCache;
  /** Milliseconds since the epoch; injectable so tests can move time (session expiry, lock-outs). */
  clock: () => number;
}
