// GET /kansli/logg: the audit log for admins, 50 entries a page, newest first.
import express from 'express';
import type { AppContext } from '../../context.js';
import { UserError } from '../../errors.js';
import { auditChoices, countAudit, listAudit } from '../../auth/audit.js';
import { isIsoDate } from '../../time.js';
import { requireAdmin } from './guards.js';
import { auditAction, auditDetails, auditTime } from '../../../analysis/auditText.js';

export const AUDIT_PER_PAGE = 50;
const KNOWN_QUERY = new Set(['sida', 'anvandare', 'handelse', 'fran', 'till']);

/** ?sida=N: a whole number from 1; a page past the end shows the last page. Anything else is a 400. */
function pageParam(query: Record<string, unknown>): number {
  const unknown = Object.keys(query).find((k) => !KNOWN_QUERY.has(k));
  if (unknown !== undefined) throw new UserError('Adressen innehåller något som loggsidan inte känner igen. Gå till loggen via menyn.');
  const raw = query.sida;
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,8}$/.test(raw))
    throw new UserError('Sidnumret i adressen ska vara ett heltal från 1 och uppåt, t.ex. ?sida=2. Gå till loggen via menyn.');
  return Number(raw);
}

export function auditRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  router.get('/logg', requireAdmin, async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const wanted = pageParam(query);
    const text = (k: string) =>
      typeof query[k] === 'string' && (query[k] as string).trim() ? (query[k] as string).trim().slice(0, 100) : null;
    const filter = { user: text('anvandare'), action: text('handelse'), from: text('fran'), to: text('till') };
    for (const k of ['from', 'to'] as const)
      if (filter[k] && !isIsoDate(filter[k]!))
        throw new UserError('Skriv datumen som ÅÅÅÅ-MM-DD, t.ex. 2024-11-01, eller lämna dem tomma.');
    const pages = Math.max(1, Math.ceil((await countAudit(ctx.db, filter)) / AUDIT_PER_PAGE));
    const page = Math.min(wanted, pages);
    const entries = await listAudit(ctx.db, AUDIT_PER_PAGE, (page - 1) * AUDIT_PER_PAGE, filter);
    const choices = await auditChoices(ctx.db);
    const keep = new URLSearchParams(
      Object.entries({ anvandare: filter.user, handelse: filter.action, fran: filter.from, till: filter.to }).filter(
        (e): e is [string, string] => !!e[1],
      ),
    ).toString();
    res.render('kansli/log', {
      title: 'Logg',
      nav: 'logg',
      entries: entries.map((e) => ({ ...e, when: auditTime(e.at), what: auditAction(e.action), details: auditDetails(e.details) })),
      page,
      pages,
      more: page < pages,
      filter,
      keep,
      users: choices.users,
      actions: choices.actions.map((a) => ({ value: a, label: auditAction(a) })),
    });
  });
  return router;
}
