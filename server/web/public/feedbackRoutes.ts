// /tillganglighet/synpunkter: the feedback route of the accessibility statement (DOS-lagen). Anyone
// may report a problem without signing in; the kansli reads the messages on /kansli/forbund.
// Cookie-free like every public page; posts are rate limited per address in memory (never stored).
import express from 'express';
import type { AppContext } from '../../context.js';
import { publicPrivacy } from '../securityHeaders.js';
import { createRateLimiter } from '../rateLimit.js';
import { feedbackProblem, storeFeedback, MAX_FEEDBACK_CHARS } from '../../settings/accessibilityFeedback.js';

const PATH = '/tillganglighet/synpunkter';

export function feedbackRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  router.use(PATH, publicPrivacy);
  const perClient = createRateLimiter(5, 10 * 60_000);
  // A cap for everyone together, so a flood cannot fill the database.
  const overall = createRateLimiter(200, 24 * 60 * 60_000);
  const page = (
    res: express.Response,
    status: number,
    locals: { error?: string | null; message?: string; replyTo?: string; sent?: boolean; masked?: boolean },
  ) =>
    res.status(status).render('pages/feedback', {
      title: locals.error ? 'Fel: Meddela brister i tillgängligheten' : 'Meddela brister i tillgängligheten',
      error: null,
      message: '',
      replyTo: '',
      sent: false,
      masked: false,
      maxChars: MAX_FEEDBACK_CHARS,
      ...locals,
    });

  router.get(PATH, (_req, res) => page(res, 200, {}));
  router.post(PATH, express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 10 }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const message = typeof body.message === 'string' ? body.message : '';
    const replyTo = typeof body.replyTo === 'string' ? body.replyTo : '';
    if (!perClient.hit(req.ip ?? 'okänd') || !overall.hit('alla'))
      return page(res, 429, {
        error: 'Många meddelanden har skickats nyss. Vänta en stund och försök igen, eller kontakta förbundet direkt.',
        message,
        replyTo,
      });
    const problem = feedbackProblem(message, replyTo);
    if (problem)
      return page(res, 400, { error: problem, message: message.slice(0, MAX_FEEDBACK_CHARS + 100), replyTo: replyTo.slice(0, 300) });
    const { masked } = await storeFeedback(ctx.db, message, replyTo);
    page(res, 200, { sent: true, masked });
  });
  return router;
}
