// /k and /k/<kod>: the short code printed under the QR code leads to the round's form. The page at
// /k lets someone type the code; a wrong code says so in plain Swedish. No cookies, like every public
// page; lookups are rate limited per client address in memory (never stored).
import express from 'express';
import type { AppContext } from '../../context.js';
import { normaliseCode, tokenForCode } from '../../survey/roundCodes.js';
import { createRateLimiter } from '../rateLimit.js';

export function shortCodeRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const limiter = createRateLimiter(30, 60_000);

  async function lookUp(req: express.Request, res: express.Response, typed: string) {
    if (!limiter.hit(req.ip ?? 'okänd')) {
      res.status(429);
      return res.render('pages/code', { title: 'Skriv koden', error: 'För många försök. Vänta en minut och försök igen.', value: '' });
    }
    const token = await tokenForCode(ctx.db, typed);
    if (!token) {
      res.status(404);
      return res.render('pages/code', {
        title: 'Skriv koden',
        error: 'Koden finns inte. Kontrollera att du har skrivit av den rätt (åtta tecken, t.ex. K7QM-3PXA).',
        value: typed.slice(0, 20),
      });
    }
    res.redirect(303, `/e/${token}`);
  }

  router.get('/k', async (req, res) => {
    const typed = typeof req.query.kod === 'string' ? req.query.kod : '';
    if (typed) return lookUp(req, res, typed);
    res.render('pages/code', { title: 'Skriv koden', error: null, value: '' });
  });

  router.get('/k/:code', (req, res) => lookUp(req, res, String(req.params.code)));

  // /e/<kod> too, so the code can be typed into the survey address itself; a round's 32-character
  // token never looks like a code, so everything else goes on to the survey routes.
  router.get('/e/:code', (req, res, next) => {
    const typed = String(req.params.code);
    if (typed.length > 9 || !normaliseCode(typed)) return next();
    return lookUp(req, res, typed);
  });

  return router;
}
