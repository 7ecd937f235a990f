// Sign-in, CSRF and role checks for everything under /kansli.
import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../../context.js';
import { parseCookies, readSession, SESSION_COOKIE, type SessionUser } from '../../auth/sessions.js';
import { audit } from '../../auth/audit.js';

declare module 'express-serve-static-core' {
  interface Locals {
    user?: SessionUser;
    csrfToken?: string;
  }
}

export function sessionCookie(ctx: AppContext, value: string, maxAgeSeconds?: number): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/kansli', 'HttpOnly', 'SameSite=Strict'];
  if (ctx.config.trustProxy) parts.push('Secure');
  if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`);
  return parts.join('; ');
}

export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function forbidden(res: Response, text: string): void {
  res.status(403).render('kansli/message', { title: 'Inte tillåtet', heading: 'Inte tillåtet', text });
}

/** Loads the session; a visitor without one is sent to the sign-in page. */
export function requireUser(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const user = await readSession(ctx.db, parseCookies(req.headers.cookie)[SESSION_COOKIE], ctx.clock());
    if (!user) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        const back = encodeURIComponent(req.originalUrl.slice(0, 500));
        return res.redirect(303, `/kansli/logga-in?tillbaka=${back}`);
      }
      return res.status(401).render('kansli/message', {
        title: 'Inloggningen har gått ut',
        heading: 'Du behöver logga in igen',
        text: 'Din inloggning har gått ut. Ingenting har ändrats. Logga in och gör om det du höll på med.',
      });
    }
    res.locals.user = user;
    res.locals.csrfToken = user.csrf;
    next();
  };
}

/** Every state-changing request must carry the session's CSRF token (form field or header). */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  // A file upload carries its token inside the multipart body; that route checks it after parsing
  // (see importRoutes.ts, crossGroupRoutes.ts, forbundRoutes.ts) and nothing else accepts multipart bodies.
  if (req.is('multipart/form-data') && ['/import', '/indikatorer/riket', '/forbund/logotyp'].includes(req.path)) return next();
  const token = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token'];
  if (!res.locals.user || !sameToken(token, res.locals.user.csrf))
    return forbidden(
      res,
      'Formuläret var för gammalt eller kom inte från den här sidan. Ingenting har ändrats. Ladda om sidan och försök igen.',
    );
  next();
};

/** Admins only: analytiker may read and export but not change anything. */
export const requireAdmin: RequestHandler = (_req, res, next) => {
  if (res.locals.user?.role !== 'admin')
    return forbidden(res, 'Din roll (analytiker) får läsa och exportera men inte ändra. Be en administratör om hjälp.');
  next();
};

/** Audit entry for the signed-in user of this request. */
export function auditFor(ctx: AppContext) {
  return (req: Request, action: string, details: Record<string, unknown>) =>
    audit(ctx.db, (req.res?.locals.user?.name as string | undefined) ?? null, action, details);
}
