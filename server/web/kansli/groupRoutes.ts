// Groups of insatser (/kansli/grupper): everyone signed in sees them; admins create, rename, change
// members and delete (after a confirmation page). Every change is in the audit log.
import express from 'express';
import type { AppContext } from '../../context.js';
import { createGroup, deleteGroup, findGroup, listGroups, renameGroup, setGroupMembers } from '../../survey/insatsGroups.js';
import { listInsatser } from '../../survey/rounds.js';
import { requireAdmin, auditFor } from './guards.js';
import { UserError } from '../../errors.js';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** Checked boxes: one value is a string, several an array. */
const ids = (v: unknown) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === 'string' && /^\d{1,9}$/.test(x) ? Number(x) : NaN));

/** The success message after a change, by a fixed code in the address (never text from it). */
const DONE: Record<string, string> = {
  skapad: 'Gruppen är skapad.',
  namn: 'Gruppen har bytt namn.',
  insatser: 'Gruppens insatser är ändrade.',
  borttagen: 'Gruppen är borttagen. Insatserna och deras uppgifter finns kvar.',
};

interface PageState {
  status?: number;
  error?: string | null;
  /** The form the error is about: 'new' or a group id, so its typed values are kept. */
  form?: 'new' | number | null;
  values?: { name?: string; insatsIds?: number[] };
}

export function groupRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  async function page(res: express.Response, state: PageState = {}, done: string | null = null) {
    res.status(state.status ?? 200).render('kansli/groups', {
      title: 'Grupper av insatser',
      nav: 'grupper',
      groups: await listGroups(ctx.db),
      insatser: await listInsatser(ctx.db),
      error: state.error ?? null,
      form: state.form ?? null,
      values: state.values ?? {},
      done,
    });
  }

  async function loadGroup(param: unknown) {
    const group = typeof param === 'string' && /^\d{1,9}$/.test(param) ? await findGroup(ctx.db, Number(param)) : undefined;
    if (!group) throw new UserError('Gruppen finns inte längre. Gå tillbaka till listan över grupper.', 404);
    return group;
  }

  /** Runs a change; a UserError re-renders the page with the message and the typed values (nothing was changed). */
  async function change(res: express.Response, form: PageState['form'], values: PageState['values'], fn: () => Promise<string>) {
    try {
      res.redirect(303, `/kansli/grupper?klart=${await fn()}`);
    } catch (err) {
      if (!(err instanceof UserError) || err.status === 404) throw err;
      await page(res, { status: 400, error: err.message, form, values });
    }
  }

  router.get('/grupper', async (req, res) => {
    const code = typeof req.query.klart === 'string' ? req.query.klart : '';
    await page(res, {}, Object.hasOwn(DONE, code) ? DONE[code]! : null);
  });

  router.post('/grupper', requireAdmin, async (req, res) => {
    const values = { name: str(req.body?.name), insatsIds: ids(req.body?.insats) };
    await change(res, 'new', values, async () => {
      const group = await createGroup(ctx.db, values.name, values.insatsIds);
      await audit(req, 'group.create', { groupId: group.id, insatsIds: group.members.map((m) => m.id) });
      return 'skapad';
    });
  });

  router.post('/grupper/:id/namn', requireAdmin, async (req, res) => {
    const group = await loadGroup(req.params.id);
    const name = str(req.body?.name);
    await change(res, group.id, { name }, async () => {
      await renameGroup(ctx.db, group.id, name);
      await audit(req, 'group.rename', { groupId: group.id });
      return 'namn';
    });
  });

  router.post('/grupper/:id/insatser', requireAdmin, async (req, res) => {
    const group = await loadGroup(req.params.id);
    const insatsIds = ids(req.body?.insats);
    await change(res, group.id, { insatsIds }, async () => {
      const changed = await setGroupMembers(ctx.db, group.id, insatsIds);
      await audit(req, 'group.members', { groupId: group.id, insatsIds: changed.members.map((m) => m.id) });
      return 'insatser';
    });
  });

  // Deleting asks first, on a page of its own, so it works without JavaScript.
  router.get('/grupper/:id/ta-bort', requireAdmin, async (req, res) => {
    const group = await loadGroup(req.params.id);
    res.render('kansli/group-delete', { title: `Ta bort gruppen ${group.name}`, nav: 'grupper', group });
  });

  router.post('/grupper/:id/ta-bort', requireAdmin, async (req, res) => {
    const group = await loadGroup(req.params.id);
    await deleteGroup(ctx.db, group.id);
    await audit(req, 'group.delete', { groupId: group.id, name: group.name });
    res.redirect(303, '/kansli/grupper?klart=borttagen');
  });

  return router;
}
