// Sign-in and sign-out. The sign-in form is protected against CSRF with a double-submit token in a
// short-lived cookie, since there is no session yet. Failed sign-ins are throttled per account and
// address with growing delays, never a lock (throttle.ts, docs/security.md).
import crypto from 'node:crypto';
import express from 'express';
import type { AppContext } from '../../context.js';
import { checkSignIn } from '../../auth/users.js';
import { createSession, endSession, parseCookies } from '../../auth/sessions.js';
import { createSignInThrottle, waitText } from '../../auth/throttle.js';
import { audit } from '../../auth/audit.js';
import { requireUser, requireCsrf, sameToken, sessionCookie } from './guards.js';

const PRE_COOKIE = 'finsam_pre';
const FAILED =
  'Inloggningen misslyckades. Kontrollera användarnamn och lösenord. Efter flera misslyckade försök får du vänta en stund mellan försöken.';

function safeBack(value: unknown): string {
  return typeof value === 'string' && /^\/kansli(\/|\?|$)/.test(value) && !value.startsWith('//') ? value : '/kansli';
}

export function signInRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const throttle = createSignInThrottle();

  function renderForm(res: express.Response, status: number, opts: { error?: string; name?: string; back?: string } = {}) {
    const token = crypto.randomBytes(24).toString('base64url');
    res.append(
      'Set-Cookie',
      `${PRE_COOKIE}=${token}; Path=/kansli/logga-in; HttpOnly; SameSite=Strict; Max-Age=3600${ctx.config.trustProxy ? '; Secure' : ''}`,
    );
    res.status(status).render('kansli/sign-in', {
      title: 'Logga in',
      csrfToken: token,
      error: opts.error ?? null,
      name: opts.name ?? '',
      back: opts.back ?? '/kansli',
    });
  }

  router.get('/logga-in', (req, res) => renderForm(res, 200, { back: safeBack(req.query.tillbaka) }));

  router.post('/logga-in', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof body.name === 'string' ? body.name.slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 500) : '';
    const back = safeBack(body.back);
    if (!sameToken(body._csrf, parseCookies(req.headers.cookie)[PRE_COOKIE] ?? '\u0000')) {
      return renderForm(res.status(403), 403, { error: 'Inloggningssidan var för gammal. Försök igen.', name, back });
    }
    const now = ctx.clock();
    // With FINSAM_TRUST_PROXY, req.ip is the address the trusted proxy saw (config.trustedProxies).
    const address = req.ip ?? 'okänd';
    const wait = throttle.waitMs(name, address, now);
    if (wait > 0) {
      // Refused without checking the password, so a guess during the wait tells the guesser nothing.
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      return renderForm(res, 429, {
        error: `För många misslyckade inloggningsförsök. Vänta ${waitText(wait)} och försök sedan igen.`,
        name,
        back,
      });
    }
    throttle.begin(name, address, now); // counted as failed until it succeeds
    const check = name && password ? await checkSignIn(ctx.db, name, password, ctx.config.scryptCost) : { user: null, knownId: null };
    const user = check.user;
    if (!user) {
      // Never the typed name: someone may have typed their password into the name field. A known
      // account is logged by its id.
      await audit(ctx.db, null, 'signin.failed', check.knownId === null ? {} : { userId: check.knownId });
      return renderForm(res, 401, { error: FAILED, name, back });
    }
    throttle.succeed(name, address);
    // A new session id at every sign-in (no session fixation).
    const id = await createSession(ctx.db, user.id, now);
    await audit(ctx.db, user.name, 'signin', {});
    res.append('Set-Cookie', sessionCookie(ctx, id));
    res.append('Set-Cookie', `${PRE_COOKIE}=; Path=/kansli/logga-in; HttpOnly; SameSite=Strict; Max-Age=0`);
    res.redirect(303, back);
  });

  router.post('/logga-ut', requireUser(ctx), requireCsrf, async (_req, res) => {
    await endSession(ctx.db, res.locals.user!.idHash);
    await audit(ctx.db, res.locals.user!.name, 'signout', {});
    res.append('Set-Cookie', sessionCookie(ctx, '', 0));
    res.redirect(303, '/kansli/logga-in');
  });

  return router;
}
