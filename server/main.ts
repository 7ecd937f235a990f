// `npm start`: opens (and migrates) the database, seeds demo data on first start, listens, and
// shuts down gracefully on SIGTERM/SIGINT: stop accepting, finish requests in flight, close the DB.
import crypto from 'node:crypto';
import { loadConfig } from './config.js';
import { addUser } from './auth/users.js';
import { explainDatabaseError, openCheckedDatabase } from './db/startupCheck.js';
import { migrate } from './db/migrate.js';
import { loadConfiguredSurveys } from './survey/registry.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { createSubmissionWriter } from './survey/submissions.js';
import { isEmpty, seedDemo } from './ops/demo.js';
import { listRounds, roundState, roundUrl } from './survey/rounds.js';
import { SurveyFileError } from '../surveys/loader.js';
import { purgeOlderThan } from './ops/purge.js';

async function main(): Promise<void> {
  // `npm start` is production unless the operator says otherwise (libraries read this too).
  process.env.NODE_ENV ??= 'production';
  const logger = createLogger();
  const config = loadConfig();
  let surveys;
  try {
    surveys = loadConfiguredSurveys(config);
  } catch (err) {
    if (err instanceof SurveyFileError) {
      process.stderr.write(`Kan inte starta: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // A damaged or read-only database stops the start here (docs/operations.md).
  const db = await openCheckedDatabase(config.dbPath);
  const applied = await migrate(db).catch((err: unknown) => {
    throw explainDatabaseError(config.dbPath, err);
  });
  if (applied.length) logger.info('db.migrated', { versions: applied });
  let demoLogin: string | null = null;
  if (config.demo && (await isEmpty(db))) {
    await seedDemo(db, surveys);
    // A demo admin with a random password, shown once, so a newcomer can open the kansli pages.
    demoLogin = crypto.randomBytes(12).toString('base64url');
    await addUser(db, 'demo', 'admin', demoLogin, config.scryptCost);
    logger.info('demo.seeded');
  }
  const submissions = createSubmissionWriter(db);
  const app = createApp({ db, config, surveys, submissions, logger });
  // FINSAM_HOST: behind a proxy on the same machine, 127.0.0.1 keeps the port closed to others.
  // Express 5 hands a listen error (port taken, address not on this machine) to this callback.
  const onListening = (err?: NodeJS.ErrnoException) => {
    if (err) {
      process.stderr.write(
        `Kan inte starta: kan inte lyssna på ${config.host ?? 'alla adresser'}, port ${config.port} (${err.code ?? err.message}).\n`,
      );
      process.exit(1);
    }
    const out = process.stdout;
    out.write(`\nFinsam indikatorer körs på ${config.baseUrl}\n`);
    out.write(`Databas: ${config.dbPath}\n`);
    void listRounds(db).then((rounds) => {
      const open = rounds.filter((r) => roundState(r) === 'open');
      if (open.length) {
        out.write('\nÖppna enkäter:\n');
        for (const r of open) out.write(`  ${r.insats_name} – ${r.instrument_id} (${r.period}): ${roundUrl(config.baseUrl, r.token)}\n`);
      }
      if (demoLogin)
        out.write(
          `\nKansliet: ${config.baseUrl}/kansli – logga in som "demo" med lösenordet ${demoLogin}\n(visas bara nu; skapa egna konton med: npx finsam user add <namn> --role admin)\n`,
        );
      out.write('\nStoppa med Ctrl+C.\n');
    });
  };
  const server = config.host ? app.listen(config.port, config.host, onListening) : app.listen(config.port, onListening);

  // Retention job (FINSAM_RETENTION_YEARS): purge once at start and then daily.
  if (config.retentionYears) {
    const years = config.retentionYears;
    const purge = () =>
      purgeOlderThan(db, years).then(
        (r) => logger.info('retention.purged', { ...r }),
        (err: unknown) => logger.error('retention.failed', { message: String((err as Error).message) }),
      );
    void purge();
    setInterval(purge, 24 * 60 * 60 * 1000).unref();
  }

  let stopping = false;
  // Once stopping, every response closes its connection: keep-alive clients that keep sending
  // would otherwise be served until the forced exit below, and the drain would never finish.
  server.on('request', (_req, res) => {
    if (stopping && !res.headersSent) res.setHeader('Connection', 'close');
  });
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('server.stopping', { signal });
    server.close(async () => {
      await submissions.drain();
      await db.close();
      logger.info('server.stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    // Requests that hang must not keep the process alive for ever.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Kan inte starta: ${(err as Error).message}\n`);
  process.exit(1);
});
