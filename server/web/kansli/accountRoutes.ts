// Accounts in the web (docs/security.md "Konton"): an admin adds accounts (with a one-time password
// shown once), changes roles, and disables and re-enables accounts; everyone changes their own
// password. The last active admin cannot be demoted or disabled. Every change is audited.
import crypto from 'node:crypto';
import express from 'express';
import type { AppContext } from '../../context.js';
import { addUser, changeOwnPassword, findUserById, keepAnAdmin, listUsers, setDisabled, setRole, ROLES } from '../../auth/users.js';
import { requireAdmin, auditFor } from './guards.js';
import { UserError } from '../../errors.js';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const DONE: Record<string, string> = {
  roll: 'Rollen är ändrad.',
  avstangt: 'Kontot är avstängt och dess inloggningar är avslutade.',
  aktiverat: 'Kontot är aktiverat igen.',
  losenord: 'Ditt lösenord är bytt. Dina andra inloggningar är avslutade.',
};

export function accountRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  async function accountsPage(
    res: express.Response,
    opts: {
      status?: number;
      error?: string | null;
      created?: { name: string; password: string } | null;
      done?: string | null;
      values?: Record<string, string>;
    } = {},
  ) {
    res.status(opts.status ?? 200).render('kansli/accounts', {
      title: 'Konton',
      nav: 'konton',
      users: await listUsers(ctx.db),
      roles: ROLES,
      error: opts.error ?? null,
      created: opts.created ?? null,
      done: opts.done ? (DONE[opts.done] ?? null) : null,
      values: opts.values ?? {},
    });
  }

  router.get('/konton', requireAdmin, (req, res) => accountsPage(res, { done: str(req.query.klart) || null }));

  router.post('/konton', requireAdmin, async (req, res) => {
    const name = str(req.body?.name);
    const role = str(req.body?.role);
    // A one-time password, shown once: the new user changes it under "Byt lösenord".
    const password = crypto.randomBytes(12).toString('base64url');
    try {
      const user = await addUser(ctx.db, name, role, password, ctx.config.scryptCost);
      await audit(req, 'user.add', { user: user.name, role: user.role });
      await accountsPage(res, { created: { name: user.name, password } });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await accountsPage(res, { status: 400, error: err.message, values: { name, role } });
    }
  });

  async function load(param: unknown) {
    const user = typeof param === 'string' && /^\d{1,9}$/.test(param) ? await findUserById(ctx.db, Number(param)) : undefined;
    if (!user) throw new UserError('Kontot finns inte. Ladda om sidan.', 404);
    return user;
  }

  router.post('/konton/:id/roll', requireAdmin, async (req, res) => {
    const user = await load(req.params.id);
    const role = str(req.body?.role);
    try {
      await keepAnAdmin(ctx.db, user, { role });
      await setRole(ctx.db, user.name, role);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return accountsPage(res, { status: 400, error: err.message });
    }
    await audit(req, 'user.role', { user: user.name, role });
    res.redirect(303, '/kansli/konton?klart=roll');
  });

  router.post('/konton/:id/avstangt', requireAdmin, async (req, res) => {
    const user = await load(req.params.id);
    const disabled = str(req.body?.disabled) === '1';
    try {
      await keepAnAdmin(ctx.db, user, { disabled });
      await setDisabled(ctx.db, user.name, disabled);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return accountsPage(res, { status: 400, error: err.message });
    }
    await audit(req, disabled ? 'user.disable' : 'user.enable', { user: user.name });
    res.redirect(303, `/kansli/konton?klart=${disabled ? 'avstangt' : 'aktiverat'}`);
  });

  function passwordPage(res: express.Response, status = 200, error: string | null = null, done: string | null = null) {
    res
      .status(status)
      .render('kansli/password', { title: 'Byt lösenord', nav: 'losenord', error, done: done ? (DONE[done] ?? null) : null });
  }

  router.get('/losenord', (req, res) => passwordPage(res, 200, null, str(req.query.klart) || null));

  router.post('/losenord', async (req, res) => {
    const me = res.locals.user as { id: number; name: string; idHash: string };
    const next = typeof req.body?.next === 'string' ? req.body.next : '';
    const repeat = typeof req.body?.repeat === 'string' ? req.body.repeat : '';
    try {
      if (next !== repeat) throw new UserError('De två nya lösenorden är inte lika. Skriv samma nya lösenord två gånger.');
      await changeOwnPassword(
        ctx.db,
        me.id,
        typeof req.body?.current === 'string' ? req.body.current : '',
        next,
        me.idHash,
        ctx.config.scryptCost,
      );
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return passwordPage(res, 400, err.message);
    }
    await audit(req, 'user.password', { user: me.name });
    res.redirect(303, '/kansli/losenord?klart=losenord');
  });

  return router;
}
