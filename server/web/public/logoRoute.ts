// /logotyp/<nyckel>.<png|jpg>: the förbund's logo for the survey pages and print sheet. The key
// changes with the logo (server/settings/forbundIdentity.ts), so the file may be cached for a year.
import express from 'express';
import type { AppContext } from '../../context.js';
import { loadLogo } from '../../settings/forbundIdentity.js';

export function logoRoute(ctx: AppContext): express.Router {
  const router = express.Router();
  router.get('/logotyp/:file', async (req, res, next) => {
    const identity = await ctx.identity.get();
    const logo = identity.logoUrl === `/logotyp/${String(req.params.file)}` ? await loadLogo(ctx.db) : null;
    if (!logo) return next();
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type(logo.type).send(logo.bytes);
  });
  return router;
}
