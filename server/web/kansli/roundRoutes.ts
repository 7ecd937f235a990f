// Insatser and survey rounds: create, rename, archive; create, close, reopen rounds, edit invited;
// link, QR code and a printable A4 sheet per round. Shows response counts, never responses.
import { RESPONDENT_GROUP_LABEL } from '../../../analysis/crossGroup.js';
import express from 'express';
import QRCode from 'qrcode';
import { slugify } from '../../../analysis/slug.js';
import { listEvents } from '../../events/store.js';
import { codeForRound, formatCode } from '../../survey/roundCodes.js';
import type { AppContext } from '../../context.js';
import {
  addInsats,
  checkRoundYear,
  createRound,
  deleteRound,
  roundHasAnswers,
  updateRound,
  findRound,
  FORBUND_KEY,
  listInsatser,
  listRounds,
  roundState,
  roundUrl,
  type Round,
  renameInsats,
  setInsatsArchived,
  setRoundClosed,
  setRoundInvited,
} from '../../survey/rounds.js';
import { requireAdmin, auditFor } from './guards.js';
import { shownRoundResponses } from '../../indicators/disclosure.js';
import { isIsoDate } from '../../time.js';
import { UserError } from '../../errors.js';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const STATE_LABEL = { open: 'Öppen', 'not-yet-open': 'Inte öppnad än', closed: 'Stängd' } as const;

/** Success messages after a change, by a fixed code in the address (never text from it). */
const ROUND_DONE: Record<string, string> = {
  andrad: 'Omgången är ändrad.',
  underlag: 'Underlaget för svarsfrekvensen är sparat.',
  stangd: 'Omgången är stängd: inga fler svar tas emot.',
  oppnad: 'Omgången är öppen igen.',
};

export function roundRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  async function loadRound(param: string | string[] | undefined): Promise<Round> {
    const id = typeof param === 'string' ? param : undefined;
    const round = /^\d{1,9}$/.test(id ?? '') ? await findRound(ctx.db, Number(id)) : undefined;
    if (!round) throw new UserError('Enkätomgången finns inte.', 404);
    return round;
  }

  // ---- Insatser
  async function insatserPage(res: express.Response, status = 200, error: string | null = null, values: Record<string, string> = {}) {
    const insatser = await listInsatser(ctx.db);
    res.status(status).render('kansli/insatser', { title: 'Insatser', nav: 'insatser', insatser, error, values });
  }
  router.get('/insatser', (_req, res) => insatserPage(res));
  router.post('/insatser', requireAdmin, async (req, res) => {
    const name = str(req.body?.name);
    try {
      const insats = await addInsats(ctx.db, name);
      await audit(req, 'insats.create', { insatsId: insats.id });
      res.redirect(303, '/kansli/insatser');
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await insatserPage(res, 400, err.message, { name });
    }
  });
  router.post('/insatser/:id/namn', requireAdmin, async (req, res) => {
    const id = Number(req.params.id);
    let renamed: boolean;
    try {
      renamed = await renameInsats(ctx.db, id, str(req.body?.name));
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return insatserPage(res, 400, err.message);
    }
    if (!renamed) throw new UserError('Insatsen finns inte.', 404);
    await audit(req, 'insats.rename', { insatsId: id });
    res.redirect(303, '/kansli/insatser');
  });
  router.post('/insatser/:id/arkiv', requireAdmin, async (req, res) => {
    const archived = str(req.body?.archived) === '1' ? 1 : 0;
    if (!(await setInsatsArchived(ctx.db, Number(req.params.id), archived === 1))) throw new UserError('Insatsen finns inte.', 404);
    await audit(req, archived ? 'insats.archive' : 'insats.unarchive', { insatsId: Number(req.params.id) });
    res.redirect(303, '/kansli/insatser');
  });

  // ---- Rounds
  async function roundsPage(
    res: express.Response,
    status = 200,
    errors: Record<string, string> = {},
    values: Record<string, string> = {},
    done: string | null = null,
  ) {
    const listed = await listRounds(ctx.db);
    // Response counts are published numbers: shown only where the disclosure decision shows them (docs/disclosure.md).
    const shown = await shownRoundResponses(ctx.db, ctx.surveys, listed, ctx.config.minCell);
    const rounds = listed.map((r) => ({ ...r, responses: shown.get(r.id) ?? null, state: STATE_LABEL[roundState(r)] }));
    res.status(status).render('kansli/rounds', {
      title: 'Enkätomgångar',
      nav: 'omgangar',
      rounds,
      insatser: (await listInsatser(ctx.db)).filter((i) => !i.archived),
      instruments: ctx.surveys.latest(),
      // The questionnaire by the group it asks ("Insatspersonal"), with its id beside it.
      groupOf: Object.fromEntries(ctx.surveys.latest().map((q) => [q.id, RESPONDENT_GROUP_LABEL[q.respondentGroup] ?? q.title])),
      events: await listEvents(ctx.db),
      done: done === 'borttagen' ? 'Omgången är borttagen.' : null,
      errors,
      values,
    });
  }
  router.get('/omgangar', (req, res) => roundsPage(res, 200, {}, {}, typeof req.query.klart === 'string' ? req.query.klart : null));
  router.post('/omgangar', requireAdmin, async (req, res) => {
    const b = req.body as Record<string, unknown>;
    const values = Object.fromEntries(
      ['instrument', 'insats', 'period', 'year', 'opens', 'closes', 'invited', 'kiosk', 'event'].map((k) => [k, str(b[k])]),
    );
    const errors: Record<string, string> = {};
    const q = ctx.surveys.get(values.instrument!);
    if (!q) errors.instrument = 'Välj en enkät.';
    // "forbund": the förbund's own round, without insats (docs/domain.md "Omgångar utan insats").
    const forbund = values.insats === FORBUND_KEY;
    const insats = forbund ? null : (await listInsatser(ctx.db)).find((i) => String(i.id) === values.insats && !i.archived);
    if (!forbund && !insats) errors.insats = 'Välj en insats, eller Förbundet (ingen insats).';
    if (!values.period || values.period.length > 60) errors.period = 'Skriv en period, t.ex. "2024" eller "Hösten 2024" (högst 60 tecken).';
    for (const k of ['opens', 'closes'] as const)
      if (values[k] && !isIsoDate(values[k]!)) errors[k] = 'Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-11-01.';
    if (!errors.opens && !errors.closes && values.opens && values.closes && values.closes < values.opens)
      errors.closes = 'Stängningsdatumet kan inte vara före öppningsdatumet.';
    if (values.invited && !/^\d{1,6}$/.test(values.invited)) errors.invited = 'Skriv antalet inbjudna som ett heltal, eller lämna tomt.';
    if (values.year && !/^\d{4}$/.test(values.year))
      errors.year = 'Skriv året med fyra siffror, t.ex. 2025, eller lämna tomt om perioden har ett årtal.';
    if (!errors.period && !errors.year && !errors.opens) {
      try {
        checkRoundYear({ period: values.period!, year: values.year ? Number(values.year) : undefined, opensOn: values.opens || null });
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        errors.year = err.message;
      }
    }
    if (values.event && !forbund) errors.event = 'En omgång som utvärderar en händelse hör till förbundet: välj Förbundet (ingen insats).';
    if (values.event && !/^\d{1,9}$/.test(values.event)) errors.event = 'Välj en händelse i listan.';
    if (Object.keys(errors).length) return roundsPage(res, 400, errors, values);
    let round;
    try {
      round = await createRound(ctx.db, {
        instrumentId: q!.id,
        instrumentVersion: q!.version,
        insatsId: insats?.id ?? null,
        period: values.period!,
        ...(values.year ? { year: Number(values.year) } : {}),
        opensOn: values.opens || null,
        closesOn: values.closes || null,
        invited: values.invited ? Number(values.invited) : null,
        kiosk: values.kiosk === '1',
        eventId: values.event ? Number(values.event) : null,
      });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return roundsPage(res, 400, { [err.field ?? 'period']: err.message }, values);
    }
    await audit(req, 'round.create', { roundId: round.id });
    res.redirect(303, `/kansli/omgangar/${round.id}`);
  });

  async function roundPage(res: express.Response, round: Round, status = 200, error: string | null = null, done: string | null = null) {
    res.status(status).render('kansli/round', {
      answered: await roundHasAnswers(ctx.db, round.id),
      insatser: (await listInsatser(ctx.db)).filter((i) => !i.archived || i.id === round.insats_id),
      instruments: ctx.surveys.latest(),
      done: done ? (ROUND_DONE[done] ?? null) : null,
      title: `Enkätomgång ${round.insats_name} ${round.period}`,
      nav: 'omgangar',
      round,
      responses: (await shownRoundResponses(ctx.db, ctx.surveys, [round], ctx.config.minCell)).get(round.id) ?? null,
      minCell: ctx.config.minCell,
      state: STATE_LABEL[roundState(round)],
      url: roundUrl(ctx.config.baseUrl, round.token),
      // The short address to type from paper (/k/K7QM-3PXA): the long one cannot be typed reliably.
      codeUrl: `${ctx.config.baseUrl}/k`,
      code: formatCode(await codeForRound(ctx.db, round.id)),
      questionnaire: ctx.surveys.get(round.instrument_id, round.instrument_version),
      error,
    });
  }

  router.get('/omgangar/:id', async (req, res) =>
    roundPage(res, await loadRound(req.params.id), 200, null, typeof req.query.klart === 'string' ? req.query.klart : null),
  );

  router.post('/omgangar/:id/andra', requireAdmin, async (req, res) => {
    const round = await loadRound(req.params.id);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const answered = await roundHasAnswers(ctx.db, round.id);
    try {
      for (const k of ['opens', 'closes'] as const)
        if (str(b[k]) && !isIsoDate(str(b[k]))) throw new UserError('Skriv datumen som ÅÅÅÅ-MM-DD, t.ex. 2024-11-01.');
      const dates = { opensOn: str(b.opens) || null, closesOn: str(b.closes) || null };
      let changes: Parameters<typeof updateRound>[2] = dates;
      if (!answered) {
        const q = ctx.surveys.get(str(b.instrument));
        if (!q) throw new UserError('Välj en enkät.');
        const insatsValue = str(b.insats);
        const insats = insatsValue === FORBUND_KEY ? null : (await listInsatser(ctx.db)).find((i) => String(i.id) === insatsValue);
        if (insats === undefined) throw new UserError('Välj en insats, eller Förbundet (ingen insats).');
        const year = str(b.year);
        if (year && !/^\d{4}$/.test(year)) throw new UserError('Skriv året med fyra siffror, t.ex. 2025.');
        changes = {
          ...dates,
          period: str(b.period),
          year: year ? Number(year) : null,
          insatsId: insats === null ? null : insats.id,
          instrumentId: q.id,
          instrumentVersion: q.id === round.instrument_id ? round.instrument_version : q.version,
          kiosk: str(b.kiosk) === '1',
        };
      }
      await updateRound(ctx.db, round.id, changes);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return roundPage(res, round, 400, err.message);
    }
    await audit(req, 'round.edit', { roundId: round.id });
    res.redirect(303, `/kansli/omgangar/${round.id}?klart=andrad`);
  });

  router.get('/omgangar/:id/ta-bort', requireAdmin, async (req, res) => {
    const round = await loadRound(req.params.id);
    if (await roundHasAnswers(ctx.db, round.id))
      return roundPage(res, round, 400, 'Omgången har svar och kan inte tas bort. Stäng den i stället, så tas inga fler svar emot.');
    res.render('kansli/round-delete', { title: 'Ta bort omgång', nav: 'omgangar', round });
  });

  router.post('/omgangar/:id/ta-bort', requireAdmin, async (req, res) => {
    const round = await loadRound(req.params.id);
    try {
      await deleteRound(ctx.db, round.id);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return roundPage(res, round, 400, err.message);
    }
    await audit(req, 'round.delete', { roundId: round.id });
    res.redirect(303, '/kansli/omgangar?klart=borttagen');
  });

  router.get('/omgangar/:id/qr.:format', async (req, res) => {
    const round = await loadRound(req.params.id);
    const url = roundUrl(ctx.config.baseUrl, round.token);
    const name = `enkat-${round.id}-qr`;
    if (req.params.format === 'png') {
      res.type('png').setHeader('Content-Disposition', `inline; filename="${name}.png"`);
      return res.send(await QRCode.toBuffer(url, { type: 'png', width: 800, margin: 2, errorCorrectionLevel: 'M' }));
    }
    if (req.params.format === 'svg') {
      res.type('image/svg+xml').setHeader('Content-Disposition', `inline; filename="${name}.svg"`);
      return res.send(await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }));
    }
    throw new UserError('Okänt bildformat. Välj PNG eller SVG.', 404);
  });

  // The questionnaire on paper: an A4 PDF with the round's QR code (docs/operations.md "Pappersenkät").
  router.get('/omgangar/:id/enkat.pdf', async (req, res) => {
    const round = await loadRound(req.params.id);
    const q = ctx.surveys.get(round.instrument_id, round.instrument_version);
    if (!q) throw new UserError('Enkäten för omgången finns inte längre.', 404);
    // Loaded on first use, like the chart renderer: Skia is not needed to answer survey forms.
    const { questionnairePdf } = await import('../../charts/questionnairePdf.js');
    const pdf = questionnairePdf(q, ctx.surveys.scales, {
      title: q.title,
      subtitle: `${(await ctx.identity.get()).name} · ${round.insats_name ?? 'Förbundet'} – ${round.period}`,
      intro: q.intro,
      url: roundUrl(ctx.config.baseUrl, round.token),
    });
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="enkat-${round.id}-${slugify(q.id)}.pdf"`);
    res.send(pdf);
  });

  router.get('/omgangar/:id/utskrift', async (req, res) => {
    const round = await loadRound(req.params.id);
    res.render('kansli/print-sheet', {
      title: `Utskrift – ${round.insats_name}`,
      round,
      url: roundUrl(ctx.config.baseUrl, round.token),
      // The short address to type from paper (/k/K7QM-3PXA): the long one cannot be typed reliably.
      codeUrl: `${ctx.config.baseUrl}/k`,
      code: formatCode(await codeForRound(ctx.db, round.id)),
      questionnaire: ctx.surveys.get(round.instrument_id, round.instrument_version),
    });
  });

  router.post('/omgangar/:id/status', requireAdmin, async (req, res) => {
    const round = await loadRound(req.params.id);
    const closed = str(req.body?.closed) === '1' ? 1 : 0;
    await setRoundClosed(ctx.db, round.id, closed === 1);
    await audit(req, closed ? 'round.close' : 'round.reopen', { roundId: round.id });
    res.redirect(303, `/kansli/omgangar/${round.id}?klart=${closed ? 'stangd' : 'oppnad'}`);
  });

  router.post('/omgangar/:id/inbjudna', requireAdmin, async (req, res) => {
    const round = await loadRound(req.params.id);
    const raw = str(req.body?.invited);
    if (raw !== '' && !/^\d{1,6}$/.test(raw))
      return roundPage(
        res,
        round,
        400,
        'Skriv antalet inbjudna som ett heltal, eller lämna tomt för att räkna fram det ur insatsuppföljningen.',
      );
    const invited = raw === '' ? null : Number(raw);
    const basis = str(req.body?.basis) || (invited === null ? null : 'entered');
    try {
      await setRoundInvited(ctx.db, round.id, invited, { basis, note: str(req.body?.note) || null });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return roundPage(res, round, 400, err.message);
    }
    await audit(req, 'round.invited', { roundId: round.id, invited, basis });
    res.redirect(303, `/kansli/omgangar/${round.id}?klart=underlag`);
  });

  return router;
}
