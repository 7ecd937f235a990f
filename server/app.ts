// createApp builds the Express application without listening, so tests drive it with supertest.
import express, { type ErrorRequestHandler } from 'express';
import compression from 'compression';
import type { Db } from './db/database.js';
import type { Config } from './config.js';
import type { SurveyRegistry } from '../surveys/loader.js';
import type { AppContext } from './context.js';
import { loadConfiguredSurveys } from './survey/registry.js';
import { createSubmissionWriter, type SubmissionWriter } from './survey/submissions.js';
import { createLogger, type Logger } from './logger.js';
import { projectPath } from './paths.js';
import { securityHeaders } from './web/securityHeaders.js';
import { staticAssets } from './web/staticAssets.js';
import { healthCheck } from './web/health.js';
import { errorPageIn, pageLocals } from './web/public/messages.js';
import { publicRoutes } from './web/public/surveyRoutes.js';
import { logoRoute } from './web/public/logoRoute.js';
import { feedbackRoutes } from './web/public/feedbackRoutes.js';
import { createIdentityCache } from './settings/forbundIdentity.js';
import { shortCodeRoutes } from './web/public/shortCodeRoutes.js';
import { kansliRoutes } from './web/kansli/index.js';
import { UserError } from './errors.js';

export interface AppDeps {
  db: Db;
  config: Config;
  surveys?: SurveyRegistry;
  submissions?: SubmissionWriter;
  logger?: Logger;
  clock?: () => number;
}

export function createApp(deps: AppDeps): express.Express & { locals: { ctx: AppContext } } {
  const ctx: AppContext = {
    db: deps.db,
    config: deps.config,
    surveys: deps.surveys ?? loadConfiguredSurveys(deps.config),
    submissions: deps.submissions ?? createSubmissionWriter(deps.db),
    logger: deps.logger ?? createLogger(),
    clock: deps.clock ?? Date.now,
    identity: createIdentityCache(deps.db, deps.config.forbund, deps.clock ?? Date.now),
  };
  const app = express();
  app.locals.ctx = ctx;
  app.disable('x-powered-by');
  // Only the configured proxies (default: this machine) may say who the client is; a client that
  // reaches the port directly cannot forge X-Forwarded-For (docs/security.md).
  app.set('trust proxy', ctx.config.trustProxy ? ctx.config.trustedProxies : false);
  app.set('env', ctx.config.production ? 'production' : 'development');
  // Compiled templates are kept (Express only does so by itself when NODE_ENV=production).
  app.set('view cache', ctx.config.production);
  app.set('view engine', 'ejs');
  app.set('views', projectPath('views'));
  app.locals.siteName = 'Finsam indikatorer';
  // The start values, for pages rendered before the saved identity is read (server/settings/forbundIdentity.ts).
  app.locals.forbund = { ...ctx.config.forbund, logoUrl: null };
  const assets = staticAssets(projectPath('views', 'static'));
  app.locals.asset = assets.url;
  // Public pages rendered outside the survey routes (404, 500) are Swedish (server/web/public/messages.ts).
  Object.assign(app.locals, pageLocals('sv'));

  // HTML, CSS, JS and JSON over about 1 kB are compressed (gzip or brotli as the client asks).
  app.use(compression());
  app.use(securityHeaders({ hsts: ctx.config.trustProxy }));
  app.use('/static', assets.handler);
  app.get('/healthz', healthCheck(ctx));
  // Before the survey routes: /e/<kod> is a short code, /e/<token> a round.
  app.use(logoRoute(ctx));
  // Every page below shows the förbund's saved name, contact details and logo.
  app.use(async (_req, res, next) => {
    res.locals.forbund = await ctx.identity.get();
    next();
  });
  app.use(shortCodeRoutes(ctx));
  app.use(feedbackRoutes(ctx));
  app.use(publicRoutes(ctx));
  app.use('/kansli', kansliRoutes(ctx));
  app.get('/', (_req, res) => res.redirect(303, '/kansli'));

  app.use((_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.status(404).render('pages/message', {
      title: 'Sidan finns inte',
      heading: 'Sidan finns inte',
      text: 'Adressen är fel eller sidan har flyttats. Kontrollera länken.',
    });
  });
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    // Client errors raised by Express or its body parsers (too large, bad charset, bad escape) keep
    // their 4xx status; only our own failures are 500.
    const clientStatus = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? (err.status as number) : null;
    const status = err instanceof UserError ? err.status : (clientStatus ?? 500);
    if (status >= 500)
      ctx.logger.error('http.error', { method: req.method, route: req.route?.path ?? null, message: String(err?.message ?? err) });
    if (res.headersSent) return;
    res.setHeader('Cache-Control', 'no-store');
    let text = 'Ingenting har sparats. Försök igen om en stund. Om felet kvarstår, kontakta samordningsförbundet.';
    if (err instanceof UserError) text = err.message;
    else if (status === 413) text = 'Det som skickades var för stort. Ingenting har sparats. Korta ner texten och försök igen.';
    else if (clientStatus) text = 'Det som skickades kunde inte läsas. Ingenting har sparats. Gå tillbaka, ladda om sidan och försök igen.';
    // JSON addresses answer in JSON, with the same Swedish message.
    if (req.path.endsWith('.json')) {
      const field = err instanceof UserError && err.field ? { field: err.field } : {};
      res.status(status).json({ error: { status, message: text, ...field } });
      return;
    }
    // A participant's page keeps the language they chose (?lang=, server/web/public/messages.ts).
    const translated = req.path.startsWith('/kansli') || err instanceof UserError ? null : errorPageIn(req.query?.lang, status);
    if (translated) return void res.status(status).render('pages/message', translated);
    res.status(status).render(req.path.startsWith('/kansli') ? 'kansli/message' : 'pages/message', {
      title: status >= 500 ? 'Något gick fel' : 'Det gick inte',
      heading: status >= 500 ? 'Något gick fel hos oss' : 'Det gick inte',
      text,
    });
  };
  app.use(onError);
  return app as express.Express & { locals: { ctx: AppContext } };
}
