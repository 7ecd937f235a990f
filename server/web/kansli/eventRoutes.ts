// Events of the förbund's structural work (/kansli/handelser): everyone signed in sees the list and
// the yearly summary; admins add and remove (after a confirmation page). Changes are audited.
import express from 'express';
import type { AppContext } from '../../context.js';
import { addEvent, EVENT_KINDS, findEvent, listEvents, removeEvent } from '../../events/store.js';
import { summariseEvents } from '../../../analysis/eventSummary.js';
import { requireAdmin, auditFor } from './guards.js';
import { UserError } from '../../errors.js';
import { listRounds } from '../../survey/rounds.js';
import { shownRoundResponses } from '../../indicators/disclosure.js';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** A typed count: blank is "not known", anything but a whole number is a Swedish error. */
function count(v: unknown, what: string): number | null {
  const s = str(v);
  if (s === '') return null;
  if (!/^\d{1,7}$/.test(s)) throw new UserError(`${what} ska vara ett heltal, eller lämnas tomt om det inte är känt.`);
  return Number(s);
}

const DONE: Record<string, string> = { tillagd: 'Händelsen är sparad.', borttagen: 'Händelsen är borttagen.' };

export function eventRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  async function page(
    res: express.Response,
    opts: { status?: number; error?: string | null; values?: Record<string, string>; done?: string | null } = {},
  ) {
    const events = await listEvents(ctx.db);
    // Each event's evaluation rounds, with their counts as the disclosure control publishes them.
    const rounds = (await listRounds(ctx.db)).filter((r) => r.event_id !== null);
    const shown = await shownRoundResponses(ctx.db, ctx.surveys, rounds, ctx.config.minCell);
    const evaluations = new Map<number, { id: number; period: string; instrument: string; year: number; responses: number | null }[]>();
    for (const r of rounds) {
      const list = evaluations.get(r.event_id!) ?? [];
      list.push({ id: r.id, period: r.period, instrument: r.instrument_id, year: r.year, responses: shown.get(r.id) ?? null });
      evaluations.set(r.event_id!, list);
    }
    const evaluationYears = [...new Set(rounds.map((r) => r.year))].sort((a, b) => b - a);
    res.status(opts.status ?? 200).render('kansli/events', {
      evaluations,
      evaluationYears,
      title: 'Händelser',
      nav: 'handelser',
      events,
      years: summariseEvents(events),
      kinds: EVENT_KINDS,
      error: opts.error ?? null,
      values: opts.values ?? {},
      done: opts.done ? (DONE[opts.done] ?? null) : null,
    });
  }

  router.get('/handelser', (req, res) => page(res, { done: str(req.query.klart) || null }));

  router.post('/handelser', requireAdmin, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(['name', 'date', 'kind', 'target', 'women', 'men', 'other', 'total'].map((k) => [k, str(b[k])]));
    try {
      const event = await addEvent(ctx.db, {
        name: values.name!,
        heldOn: values.date!,
        kind: values.kind!,
        targetGroup: values.target || null,
        women: count(b.women, 'Antalet kvinnor'),
        men: count(b.men, 'Antalet män'),
        other: count(b.other, 'Antalet annat/ej angivet'),
        total: count(b.total, 'Antalet deltagare'),
      });
      await audit(req, 'event.add', { eventId: event.id });
      res.redirect(303, '/kansli/handelser?klart=tillagd');
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await page(res, { status: 400, error: err.message, values });
    }
  });

  async function load(param: unknown) {
    const event = typeof param === 'string' && /^\d{1,9}$/.test(param) ? await findEvent(ctx.db, Number(param)) : undefined;
    if (!event) throw new UserError('Händelsen finns inte (den kan redan vara borttagen).', 404);
    return event;
  }

  router.get('/handelser/:id/ta-bort', requireAdmin, async (req, res) => {
    res.render('kansli/event-delete', { title: 'Ta bort händelse', nav: 'handelser', event: await load(req.params.id) });
  });

  router.post('/handelser/:id/ta-bort', requireAdmin, async (req, res) => {
    const event = await load(req.params.id);
    await removeEvent(ctx.db, event.id);
    await audit(req, 'event.remove', { eventId: event.id });
    res.redirect(303, '/kansli/handelser?klart=borttagen');
  });

  return router;
}
