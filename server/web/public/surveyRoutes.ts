// Public survey pages (/e/:token) and the accessibility statement: anonymous, cookie-free, no-store.
// The form's nonce is issued and checked by the server (survey/formNonces.ts, docs/security.md).
// The page language is ?lang= on every URL (messages.ts); it changes texts only, never what is stored.
import express, { type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { roundState, type Round } from '../../survey/rounds.js';
import { createRoundLookup } from '../../survey/roundLookup.js';
import { buildFormModel, formHeader } from '../../survey/formModel.js';
import type { SubmissionProblems } from '../../survey/answerRules.js';
import { receiveSubmission } from '../../survey/receiveSubmission.js';
import { createFormNonces } from '../../survey/formNonces.js';
import { createFormPages } from './formPages.js';
import type { ForbundIdentity } from '../../settings/forbundIdentity.js';
import { publicPrivacy } from '../securityHeaders.js';
import { createRateLimiter } from '../rateLimit.js';
import { today } from '../../time.js';
import type { Questionnaire } from '../../../surveys/types.js';
import { langQuery, messagesFor, pageLanguage, pageLocals, type PageLanguage } from './messages.js';

/** The page language of a request: ?lang=, Swedish when missing or unknown. */
const langOf = (req: Request): PageLanguage => pageLanguage(req.query.lang);

/** A public message page in the language; its heading is also its title. */
function message(
  res: Response,
  lang: PageLanguage,
  status: number,
  page: { heading: string; text: string; title?: string },
  link?: { href: string; text: string },
): void {
  const { heading, text } = page;
  res
    .status(status)
    .render('pages/message', { ...pageLocals(lang), title: page.title ?? heading, heading, text, ...(link ? { link } : {}) });
}

export function publicRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  router.use(['/e', '/tillganglighet'], publicPrivacy);
  const submitLimiter = createRateLimiter(ctx.config.submitLimitPerMinute, 60_000);
  const bodyParser = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 });
  const nonces = createFormNonces(ctx.db);
  const formLocals = (round: Round, q: Questionnaire, lang: PageLanguage, nonce: string, problems?: SubmissionProblems) => {
    const t = messagesFor(lang);
    const header = formHeader(q, lang);
    return {
      ...pageLocals(lang),
      title: problems ? t.errorTitle(header.title.text) : header.title.text,
      header,
      round,
      // The language rides in the action's query, not in a form field: the answers stay the same.
      action: `/e/${round.token}${langQuery(lang)}`,
      selfPath: `/e/${round.token}`,
      nonce,
      questions: buildFormModel(q, ctx.surveys.scales, problems?.values, problems?.byQuestion, { lang, ...t }),
      generalErrors: problems?.general ?? [],
    };
  };
  const formPages = createFormPages((round, q, lang, nonce) => formLocals(round, q, lang, nonce));

  // The statement is written in Swedish only, so the page is Swedish whatever ?lang= says.
  router.get('/tillganglighet', (_req, res) =>
    res.render('pages/accessibility', { ...pageLocals('sv'), title: 'Tillgänglighetsredogörelse' }),
  );

  /** The round a well-formed token names, without a database look-up for malformed ones. */
  const rounds = createRoundLookup(ctx.db, ctx.clock);
  const roundForToken = async (token: string) => (/^[A-Za-z0-9_-]{16,64}$/.test(token) ? rounds.byToken(token) : undefined);

  /** Finds the round and questionnaire, or answers with the right page and returns null. */
  async function openRound(req: Request, res: Response): Promise<{ round: Round; q: Questionnaire } | null> {
    const token = String(req.params.token ?? '');
    const lang = langOf(req);
    const t = messagesFor(lang);
    const round = await roundForToken(token);
    if (!round) {
      message(res, lang, 404, t.notFound);
      return null;
    }
    const state = roundState(round, today());
    if (state === 'closed') {
      message(res, lang, 410, t.closed);
      return null;
    }
    if (state === 'not-yet-open') {
      message(res, lang, 403, t.notYetOpen(round.opens_on ?? ''));
      return null;
    }
    const q = ctx.surveys.get(round.instrument_id, round.instrument_version);
    if (!q) {
      ctx.logger.error('survey.missing_questionnaire', { roundId: round.id, instrument: round.instrument_id });
      message(res, lang, 503, t.unavailable);
      return null;
    }
    return { round, q };
  }

  /** The form again, with what was entered and what to fix; a fresh nonce unless problems keep one. */
  async function renderForm(
    res: Response,
    round: Round,
    q: Questionnaire,
    lang: PageLanguage,
    status: number,
    problems: SubmissionProblems,
  ) {
    const nonce = problems.nonce ?? (await nonces.issue(round.id, today()));
    res.status(status).render('pages/survey', formLocals(round, q, lang, nonce, problems));
  }

  router.get('/e/:token', async (req, res) => {
    const found = await openRound(req, res);
    if (!found) return;
    // The page is rendered once per round, questionnaire and language (formPages.ts); only the nonce is new.
    const nonce = await nonces.issue(found.round.id, today());
    res
      .status(200)
      .type('html')
      .send(await formPages.html(req.app, found.round, found.q, langOf(req), nonce, res.locals.forbund as ForbundIdentity));
  });

  router.post('/e/:token', (req, res, next) => {
    bodyParser(req, res, (err?: unknown) => {
      if (!err) return next();
      // Too large or malformed body: say so on the form, store nothing.
      openRound(req, res)
        .then((found) => {
          if (!found) return;
          const lang = langOf(req);
          return renderForm(res, found.round, found.q, lang, 400, {
            byQuestion: {},
            general: [messagesFor(lang).brokenBody],
            values: {},
            nonce: null,
          });
        })
        .catch(next);
    });
  });

  const reception = {
    nonces,
    scales: ctx.surveys.scales,
    submissions: ctx.submissions,
    withinLimit: (roundId: number) => submitLimiter.hit(String(roundId)),
  };

  router.post('/e/:token', async (req, res) => {
    const found = await openRound(req, res);
    if (!found) return;
    const { round, q } = found;
    const lang = langOf(req);
    const t = messagesFor(lang);
    const fresh = `/e/${round.token}${langQuery(lang)}`;
    // The language is not passed on to storage: the values are the same in every language (docs/security.md).
    const outcome = await receiveSubmission(reception, round, q, req.body, today(), t.answers);
    switch (outcome.kind) {
      case 'stored':
        return res.redirect(303, `/e/${round.token}/tack${langQuery(lang)}`);
      case 'bad-nonce':
        return message(res, lang, 400, t.badNonce, { href: fresh, text: t.badNonce.link! });
      case 'empty':
        return message(res, lang, 400, t.empty, { href: fresh, text: t.empty.link! });
      case 'too-many':
        res.setHeader('Retry-After', '60');
        return renderForm(res, round, q, lang, 429, outcome.problems);
      default:
        return renderForm(res, round, q, lang, 400, outcome.problems);
    }
  });

  router.get('/e/:token/tack', async (req, res) => {
    const token = String(req.params.token ?? '');
    const lang = langOf(req);
    const t = messagesFor(lang);
    const round = await roundForToken(token);
    if (!round) return message(res, lang, 404, t.pageMissing);
    res.render('pages/thanks', {
      ...pageLocals(lang),
      title: t.thanks.title,
      round,
      // The kiosk's next form keeps the language.
      nextForm: `/e/${round.token}${langQuery(lang)}`,
      kioskSeconds: round.kiosk ? 8 : null,
    });
  });

  // A link with a broken percent-escape (/e/%FF, /e/%C3%28, /e/abc%) cannot name a survey: the router
  // fails to decode :token and passes a URIError (status 400) here. Without this it became a 500.
  router.use('/e', (err: unknown, req: Request, res: Response, next: express.NextFunction) => {
    if (!(err instanceof URIError)) return next(err);
    const lang = langOf(req);
    message(res, lang, 404, messagesFor(lang).notFound);
  });

  return router;
}
