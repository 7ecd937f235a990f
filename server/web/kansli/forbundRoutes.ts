// /kansli/forbund: the förbund's name, contact details and logo, set once for every public page, the
// print sheet and the accessibility statement (docs/configuration.md "Förbundets uppgifter"); and the
// messages sent through the statement's feedback form. Everyone signed in reads the details; admins
// change them and read and remove the messages. Every change is audited.
import express from 'express';
import type { AppContext } from '../../context.js';
import { requireAdmin, sameToken, forbidden, auditFor } from './guards.js';
import { ContactErrors, saveContact, saveLogo } from '../../settings/forbundIdentity.js';
import { listFeedback, removeFeedback } from '../../settings/accessibilityFeedback.js';
import { MAX_LOGO_BYTES, type ContactField } from '../../../analysis/forbundIdentityRules.js';
import { streamUpload } from '../upload.js';
import { UserError } from '../../errors.js';
import { rejectIdentityNumber } from '../../followup/identityGuard.js';
import { maskIdentityNumbers } from '../../../analysis/personnummer.js';

const DONE: Record<string, string> = {
  sparad: 'Förbundets uppgifter är sparade. De visas nu på enkätsidorna, utskrifterna och i tillgänglighetsredogörelsen.',
  logotyp: 'Logotypen är sparad.',
  'logotyp-borttagen': 'Logotypen är borttagen.',
  'meddelande-borttaget': 'Meddelandet är borttaget.',
};
const FIELDS: ContactField[] = ['name', 'email', 'phone', 'web'];
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function forbundRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  async function page(
    res: express.Response,
    opts: {
      status?: number;
      errors?: Partial<Record<ContactField, string>>;
      logoError?: string;
      values?: Record<string, string>;
      done?: string;
    } = {},
  ) {
    const identity = await ctx.identity.get();
    const admin = res.locals.user?.role === 'admin';
    res.status(opts.status ?? 200).render('kansli/forbund', {
      title: opts.errors || opts.logoError ? 'Fel: Förbundet' : 'Förbundet',
      nav: 'forbund',
      identity,
      // What was typed comes back, but never a personnummer in it.
      values: opts.values
        ? Object.fromEntries(Object.entries(opts.values).map(([k, v]) => [k, maskIdentityNumbers(v)]))
        : { name: identity.name, email: identity.email ?? '', phone: identity.phone ?? '', web: identity.web ?? '' },
      errors: opts.errors ?? {},
      logoError: opts.logoError ?? null,
      done: opts.done ? (DONE[opts.done] ?? null) : null,
      feedback: admin ? await listFeedback(ctx.db) : [],
      maxLogoKb: MAX_LOGO_BYTES / 1024,
    });
  }

  router.get('/forbund', (req, res) => page(res, { done: str(req.query.klart) }));

  router.post('/forbund', requireAdmin, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(FIELDS.map((k) => [k, str(body[k]).slice(0, 500)]));
    try {
      // The name and e-mail are free text typed by the kansli: no personnummer (docs/security.md).
      rejectIdentityNumber(values.name, 'Namnet');
      rejectIdentityNumber(values.email, 'E-postadressen');
      await saveContact(ctx.db, values, res.locals.user!.name);
    } catch (err) {
      if (err instanceof ContactErrors) return page(res, { status: 400, errors: err.errors, values });
      if (err instanceof UserError) return page(res, { status: 400, errors: { name: err.message }, values });
      throw err;
    }
    ctx.identity.forget();
    res.redirect(303, '/kansli/forbund?klart=sparad');
  });

  router.post('/forbund/logotyp', requireAdmin, async (req, res) => {
    const user = res.locals.user!;
    const { fields, result } = await streamUpload(req, async (file) => {
      if (!sameToken(file.fieldsBefore._csrf, user.csrf)) return 'forbidden' as const;
      if (!file.name) return null;
      // Keeps at most one chunk past the limit (enough to say "too large"); the rest is read and dropped.
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of file.chunks) {
        if (size <= MAX_LOGO_BYTES) chunks.push(Buffer.from(chunk));
        size += chunk.length;
      }
      return Buffer.concat(chunks);
    });
    if (result === 'forbidden' || (result === undefined && !sameToken(fields._csrf, user.csrf)))
      return forbidden(
        res,
        'Formuläret var för gammalt eller kom inte från den här sidan. Ingenting har ändrats. Ladda om sidan och försök igen.',
      );
    try {
      if (!result) throw new UserError('Välj en bildfil med logotypen (PNG eller JPEG).');
      await saveLogo(ctx.db, result, ctx.config.forbund, user.name);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return page(res, { status: 400, logoError: err.message });
    }
    ctx.identity.forget();
    res.redirect(303, '/kansli/forbund?klart=logotyp');
  });

  router.get('/forbund/logotyp/ta-bort', requireAdmin, (_req, res) =>
    res.render('kansli/confirm', {
      title: 'Ta bort logotypen?',
      nav: 'forbund',
      heading: 'Ta bort logotypen?',
      text: 'Logotypen tas bort från enkätsidorna, tackssidan, utskriftsbladet och tillgänglighetsredogörelsen. Förbundets namn och kontaktuppgifter finns kvar. Du kan lägga in en logotyp igen när du vill.',
      action: '/kansli/forbund/logotyp/ta-bort',
      button: 'Ta bort logotypen',
      back: '/kansli/forbund',
    }),
  );

  router.post('/forbund/logotyp/ta-bort', requireAdmin, async (_req, res) => {
    await saveLogo(ctx.db, null, ctx.config.forbund, res.locals.user!.name);
    ctx.identity.forget();
    res.redirect(303, '/kansli/forbund?klart=logotyp-borttagen');
  });

  router.get('/forbund/meddelanden/:id/ta-bort', requireAdmin, async (req, res) => {
    const id = Number(req.params.id);
    const message = (await listFeedback(ctx.db)).find((f) => f.id === id);
    if (!message) throw new UserError('Meddelandet finns inte, eller är redan borttaget. Gå tillbaka till sidan Förbundet.', 404);
    res.render('kansli/confirm', {
      title: 'Ta bort meddelandet?',
      nav: 'forbund',
      heading: 'Ta bort meddelandet?',
      text: `Meddelandet från ${message.receivedOn} tas bort för gott, med eventuell kontaktuppgift. Gör det när det är besvarat eller åtgärdat. Det går inte att ångra.`,
      action: `/kansli/forbund/meddelanden/${id}/ta-bort`,
      button: 'Ta bort meddelandet',
      back: '/kansli/forbund#meddelanden',
    });
  });

  router.post('/forbund/meddelanden/:id/ta-bort', requireAdmin, async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id < 1 || !(await removeFeedback(ctx.db, id)))
      throw new UserError('Meddelandet finns inte, eller är redan borttaget. Ladda om sidan.', 404);
    await audit(req, 'feedback.remove', { id });
    res.redirect(303, '/kansli/forbund?klart=meddelande-borttaget#meddelanden');
  });
  return router;
}
