// Targets (förväntat resultat) per insats and period: list with attainment, add, change, remove.
import express from 'express';
import type { AppContext } from '../../context.js';
import type { ResultsGuards } from './resultsRoutes.js';
import { mergedInsatsReport } from '../../report/merged.js';
import { findTarget, removeTarget, saveTarget, targetPeriods } from '../../targets/store.js';
import { METRICS } from '../../../analysis/targets.js';
import { loadCodebook } from '../../followup/codebooks.js';
import { filterChoices, parseFilter } from './resultsFilter.js';
import { fmt } from '../format.js';
import { UserError } from '../../errors.js';
import { insatsExists } from '../../survey/rounds.js';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

export function targetRoutes(ctx: AppContext, guards: ResultsGuards): express.Router {
  const router = express.Router();

  async function render(
    req: express.Request,
    res: express.Response,
    status = 200,
    form: { errors?: string[]; values?: Record<string, unknown> } = {},
  ) {
    const choices = await filterChoices(ctx.db, ctx.surveys);
    const filter = await parseFilter(ctx.db, ctx.surveys, { ...(req.query as Record<string, unknown>), ...(req.body ?? {}) }, choices);
    const insats = choices.insatser.find((i) => i.id === filter.insats?.id) ?? choices.insatser[0];
    const report = insats ? await mergedInsatsReport(ctx, filter.period, insats.name) : null;
    const otherPeriods = insats ? (await targetPeriods(ctx.db, insats.id)).filter((p) => p !== filter.period.key) : [];
    const questions = ctx.surveys
      .latest()
      .flatMap((q) =>
        q.questions
          .filter((x) => x.type === 'scale' || x.type === 'yesno')
          .map((x) => ({ instrument: q.id, id: x.id, label: `${q.title}: ${x.text}` })),
      );
    res.status(status).render('kansli/results/targets', {
      title: 'Mål',
      nav: 'rapport',
      fmt,
      choices,
      filter,
      otherPeriods,
      insats,
      report,
      metrics: METRICS,
      instruments: ctx.surveys.latest().map((q) => ({ id: q.id, title: q.title })),
      questions,
      reasons: loadCodebook(ctx.config.codebook).reasons,
      errors: form.errors ?? [],
      values: form.values ?? {},
    });
  }

  router.get('/mal', (req, res) => render(req, res));

  router.post('/mal', guards.requireAdmin, async (req, res) => {
    const b = req.body as Record<string, unknown>;
    const insatsId = Number(str(b.insats));
    // The form sends the period's key; `ar` (a year) is still understood.
    const period = str(b.period) || str(b.ar);
    const metric = str(b.metric);
    const [instrument, question] = metric === 'positive' ? str(b.question).split(':') : [str(b.instrument), undefined];
    try {
      if (!(await insatsExists(ctx.db, insatsId))) throw new UserError('Välj en insats.');
      const value = Number(str(b.value).replace(',', '.').replace(/\s*%$/, ''));
      if (str(b.value) === '' || !Number.isFinite(value)) throw new UserError('Skriv målvärdet som ett tal, t.ex. 70 eller 65.');
      const target = await saveTarget(ctx.db, ctx.surveys, {
        insatsId,
        period,
        metric,
        value,
        direction: str(b.direction) || 'atLeast',
        label: str(b.label) || null,
        params: { instrument: instrument || undefined, question: question || undefined, reasons: list(b.reasons) },
      });
      await guards.audit(req, 'target.save', { targetId: target.id, insatsId, period: target.period, metric });
      res.redirect(303, `/kansli/mal?period=${encodeURIComponent(target.period)}&insats=${insatsId}`);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await render(req, res, 400, { errors: [err.message], values: b });
    }
  });

  router.post('/mal/:id/ta-bort', guards.requireAdmin, async (req, res) => {
    const target = await findTarget(ctx.db, Number(req.params.id));
    if (!target) throw new UserError('Målet finns inte längre. Ladda om sidan.', 404);
    await removeTarget(ctx.db, target.id);
    await guards.audit(req, 'target.remove', { targetId: target.id, insatsId: target.insatsId, period: target.period });
    res.redirect(303, `/kansli/mal?period=${encodeURIComponent(target.period)}&insats=${target.insatsId}`);
  });

  return router;
}
