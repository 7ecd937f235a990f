// The kansli web under /kansli: one sub-router per feature, behind sign-in and CSRF checks.
import express from 'express';
import type { AppContext } from '../../context.js';
import { requireAdmin, requireCsrf, requireUser, auditFor } from './guards.js';
import { insatsLinks } from './insatsLink.js';
import { signInRoutes } from './signInRoutes.js';
import { roundRoutes } from './roundRoutes.js';
import { paperRoutes } from './paperRoutes.js';
import { eventRoutes } from './eventRoutes.js';
import { accountRoutes } from './accountRoutes.js';
import { insatsRoutes } from './insatsRoutes.js';
import { hiddenTextRoutes } from './hiddenTextRoutes.js';
import { exportRoutes } from './exportRoutes.js';
import { importRoutes } from './importRoutes.js';
import { resultsRoutes } from './resultsRoutes.js';
import { targetRoutes } from './targetRoutes.js';
import { auditRoutes } from './auditRoutes.js';
import { forbundRoutes } from './forbundRoutes.js';
import { groupRoutes } from './groupRoutes.js';
import { crossGroupRoutes } from './crossGroupRoutes.js';
import { fmt } from '../format.js';
import { pickerValues } from './resultsFilter.js';

export function kansliRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.locals.fmt = fmt;
    res.locals.pickerValue = pickerValues;
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));
  router.use(signInRoutes(ctx));

  const signedIn = express.Router();
  signedIn.use(requireUser(ctx), requireCsrf, insatsLinks(ctx.db));
  signedIn.get('/', (_req, res) => res.redirect(303, '/kansli/omgangar'));
  signedIn.use(roundRoutes(ctx));
  signedIn.use(paperRoutes(ctx));
  signedIn.use(eventRoutes(ctx));
  signedIn.use(accountRoutes(ctx));
  signedIn.use(insatsRoutes(ctx));
  signedIn.use(hiddenTextRoutes(ctx));
  signedIn.use(groupRoutes(ctx));
  const guards = { requireAdmin, audit: auditFor(ctx) };
  signedIn.use(resultsRoutes(ctx, guards));
  signedIn.use(targetRoutes(ctx, guards));
  // Before exportRoutes: its /export/:table.csv would otherwise take the cross-group CSVs.
  signedIn.use(crossGroupRoutes(ctx));
  signedIn.use(exportRoutes(ctx));
  signedIn.use(importRoutes(ctx));
  signedIn.use(auditRoutes(ctx));
  signedIn.use(forbundRoutes(ctx));
  router.use(signedIn);
  return router;
}
