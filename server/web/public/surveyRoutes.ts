// Public survey pages (/e/:token) and the accessibility statement: anonymous, cookie-free, no-store.
// The form's nonce is issued and checked by the server (survey/formNonces.ts, docs/security.md).
import express, { type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { roundState, type Round } from '../../survey/rounds.js';
import { createRoundLookup } from '../../survey/roundLookup.js';
import { buildFormModel } from '../../survey/formModel.js';
import type { SubmissionProblems } from '../../survey/answerRules.js';
import { receiveSubmission } from '../../survey/receiveSubmission.js';
import { createFormNonces } from '../../survey/formNonces.js';
import { createFormPages } from './formPages.js';
import { publicPrivacy } from '../securityHeaders.js';
import { createRateLimiter } from '../rateLimit.js';
import { today } from '../../time.js';
import type { Questionnaire } from '../../../surveys/types.js';

const NOT_FOUND_TEXT =
  'Länken är fel eller gammal. Kontrollera att du har skrivit av hela länken, eller fråga personen som gav dig den om en ny.';

/** A public message page; its heading is also its title. */
function message(res: Response, status: number, heading: string, text: string, link?: { href: string; text: string }): void {
  res.status(status).render('pages/message', { title: heading, heading, text, ...(link ? { link } : {}) });
}

export function publicRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  router.use(['/e', '/tillganglighet'], publicPrivacy);
  const submitLimiter = createRateLimiter(ctx.config.submitLimitPerMinute, 60_000);
  const bodyParser = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 });
  const nonces = createFormNonces(ctx.db);
  const formLocals = (round: Round, q: Questionnaire, nonce: string, problems?: SubmissionProblems) => ({
    title: problems ? `Fel i formuläret – ${q.title}` : q.title,
    questionnaire: q,
    round,
    action: `/e/${round.token}`,
    nonce,
    questions: buildFormModel(q, ctx.surveys.scales, problems?.values, problems?.byQuestion),
    generalErrors: problems?.general ?? [],
  });
  const formPages = createFormPages((round, q, nonce) => formLocals(round, q, nonce));

  router.get('/tillganglighet', (_req, res) => res.render('pages/accessibility', { title: 'Tillgänglighetsredogörelse' }));

  /** The round a well-formed token names, without a database look-up for malformed ones. */
  const rounds = createRoundLookup(ctx.db, ctx.clock);
  const roundForToken = async (token: string) => (/^[A-Za-z0-9_-]{16,64}$/.test(token) ? rounds.byToken(token) : undefined);

  /** Finds the round and questionnaire, or answers with the right page and returns null. */
  async function openRound(req: Request, res: Response): Promise<{ round: Round; q: Questionnaire } | null> {
    const token = String(req.params.token ?? '');
    const round = await roundForToken(token);
    if (!round) {
      message(res, 404, 'Enkäten finns inte', NOT_FOUND_TEXT);
      return null;
    }
    const state = roundState(round, today());
    if (state === 'closed') {
      message(res, 410, 'Enkäten är stängd', 'Det går inte längre att svara på den här enkäten. Tack för att du ville svara!');
      return null;
    }
    if (state === 'not-yet-open') {
      message(res, 403, 'Enkäten har inte öppnat än', `Du kan svara på enkäten från och med ${round.opens_on}. Välkommen tillbaka då!`);
      return null;
    }
    const q = ctx.surveys.get(round.instrument_id, round.instrument_version);
    if (!q) {
      ctx.logger.error('survey.missing_questionnaire', { roundId: round.id, instrument: round.instrument_id });
      res.status(503).render('pages/message', {
        title: 'Enkäten kan inte visas',
        heading: 'Enkäten kan inte visas just nu',
        text: 'Något är fel hos oss, inte hos dig. Försök igen senare eller säg till personen som gav dig länken.',
      });
      return null;
    }
    return { round, q };
  }

  /** The form again, with what was entered and what to fix; a fresh nonce unless problems keep one. */
  async function renderForm(res: Response, round: Round, q: Questionnaire, status: number, problems: SubmissionProblems) {
    const nonce = problems.nonce ?? (await nonces.issue(round.id, today()));
    res.status(status).render('pages/survey', formLocals(round, q, nonce, problems));
  }

  router.get('/e/:token', async (req, res) => {
    const found = await openRound(req, res);
    if (!found) return;
    // The page is rendered once per round and questionnaire (formPages.ts); only the nonce is new.
    const nonce = await nonces.issue(found.round.id, today());
    res
      .status(200)
      .type('html')
      .send(await formPages.html(req.app, found.round, found.q, nonce));
  });

  router.post('/e/:token', (req, res, next) => {
    bodyParser(req, res, (err?: unknown) => {
      if (!err) return next();
      // Too large or malformed body: say so on the form, store nothing.
      openRound(req, res)
        .then((found) => {
          if (!found) return;
          return renderForm(res, found.round, found.q, 400, {
            byQuestion: {},
            general: [
              'Svaren kunde inte tas emot, eftersom formuläret var för stort eller skadat. Kontrollera långa textsvar och försök igen.',
            ],
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
    const fresh = `/e/${round.token}`;
    const outcome = await receiveSubmission(reception, round, q, req.body, today());
    switch (outcome.kind) {
      case 'stored':
        return res.redirect(303, `/e/${round.token}/tack`);
      case 'bad-nonce':
        return message(
          res,
          400,
          'Formuläret kunde inte tas emot',
          'Inget har sparats. Formulärets kontrollkod saknades eller var fel, till exempel för att sidan kom från en gammal eller ändrad länk. Öppna ett nytt formulär och svara igen.',
          { href: fresh, text: 'Öppna ett nytt, tomt formulär' },
        );
      case 'empty':
        return message(
          res,
          400,
          'Du har inte svarat på någon fråga',
          'Formuläret skickades utan några svar, så inget har sparats. Gå tillbaka till enkäten och svara på de frågor du vill svara på.',
          { href: fresh, text: 'Tillbaka till enkäten' },
        );
      case 'too-many':
        res.setHeader('Retry-After', '60');
        return renderForm(res, round, q, 429, outcome.problems);
      default:
        return renderForm(res, round, q, 400, outcome.problems);
    }
  });

  router.get('/e/:token/tack', async (req, res) => {
    const token = String(req.params.token ?? '');
    const round = await roundForToken(token);
    if (!round) return message(res, 404, 'Sidan finns inte', 'Kontrollera länken.');
    res.render('pages/thanks', { title: 'Tack för dina svar', round, kioskSeconds: round.kiosk ? 8 : null });
  });

  // A link with a broken percent-escape (/e/%FF, /e/%C3%28, /e/abc%) cannot name a survey: the router
  // fails to decode :token and passes a URIError (status 400) here. Without this it became a 500.
  router.use('/e', (err: unknown, _req: Request, res: Response, next: express.NextFunction) => {
    if (!(err instanceof URIError)) return next(err);
    message(res, 404, 'Enkäten finns inte', NOT_FOUND_TEXT);
  });

  return router;
}
