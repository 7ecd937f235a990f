// Targets (förväntat resultat) per insats and period: list with attainment, add, change, remove;
// outcomes entered by hand and the overall verdict (docs/rules.md "Måluppfyllelse").
import { isIndicator } from '../../../surveys/types.js';
import express from 'express';
import type { AppContext } from '../../context.js';
import type { ResultsGuards } from './resultsRoutes.js';
import { mergedInsatsReport } from '../../report/merged.js';
import {
  findTarget,
  removeTarget,
  saveTarget,
  setManualOutcome,
  setVerdict,
  targetPeriod,
  targetPeriods,
  updateTarget,
  type StoredTarget,
  type TargetInput,
} from '../../targets/store.js';
import { formatManualOutcome, formatTargetValue, parseManualOutcome, parseTargetValue } from '../../targets/input.js';
import { referrerValues } from '../../outcomes/variables.js';
import { targetContext } from '../../targets/evaluate.js';
import { POPULATIONS, POPULATION_LABEL } from '../../../analysis/targets.js';
import { today } from '../../time.js';
import { METRICS } from '../../../analysis/targets.js';
import { loadCodebook } from '../../followup/codebooks.js';
import { filterChoices, parseFilter } from './resultsFilter.js';
import { fmt } from '../format.js';
import { UserError } from '../../errors.js';
import { insatsExists } from '../../survey/rounds.js';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** A target as the form sends it; a UserError in Swedish when its value cannot be read. */
function targetFromForm(b: Record<string, unknown>, insatsId: number, period: string): TargetInput {
  const metric = str(b.metric);
  const [instrument, question] = metric === 'positive' ? str(b.question).split(':') : [str(b.instrument), undefined];
  const mode = str(b.mode) || 'value';
  if (mode !== 'shrink' && str(b.value) === '')
    throw new UserError('Skriv målvärdet: ett tal (70), ett intervall (40-60) eller en förändring (+20).');
  const stated = parseTargetValue(
    mode === 'shrink' ? { mode: 'shrink' } : { mode: mode === 'band' || mode === 'change' ? mode : 'value', text: str(b.value) },
  );
  return {
    insatsId,
    period,
    metric,
    ...stated,
    direction: str(b.direction) || 'atLeast',
    label: str(b.label) || null,
    params: {
      instrument: instrument || undefined,
      question: question || undefined,
      reasons: list(b.reasons),
      referrers: list(b.referrers),
      members: list(b.members),
      population: (str(b.population) || undefined) as 'started' | undefined,
      of: (str(b.of) || undefined) as 'work-or-studies' | undefined,
      unit: (str(b.unit) || undefined) as 'count' | undefined,
    },
  };
}

/** A stored target as the form's fields, so that changing it starts from what it is. */
function formValues(t: StoredTarget): Record<string, unknown> {
  return {
    period: t.period,
    metric: t.metric,
    population: t.params.population,
    referrers: t.params.referrers ?? [],
    members: t.params.members ?? [],
    of: t.params.of,
    reasons: t.params.reasons ?? [],
    instrument: t.params.instrument,
    question: t.params.question ? `${t.params.instrument}:${t.params.question}` : undefined,
    unit: t.params.unit,
    mode: t.mode,
    value: formatTargetValue(t),
    direction: t.direction,
    manual: formatManualOutcome(t.manual),
    label: t.label ?? '',
  };
}

export function targetRoutes(ctx: AppContext, guards: ResultsGuards): express.Router {
  const router = express.Router();

  // What the target form offers, for adding on the targets page and for changing one target.
  async function formChoices(insatsId: number | undefined) {
    return {
      metrics: METRICS,
      instruments: ctx.surveys.latest().map((q) => ({ id: q.id, title: q.title })),
      questions: ctx.surveys
        .latest()
        .flatMap((q) =>
          q.questions.filter((x) => isIndicator(x)).map((x) => ({ instrument: q.id, id: x.id, label: `${q.title}: ${x.text}` })),
        ),
      reasons: loadCodebook(ctx.config.codebook).reasons,
      referrers: insatsId ? await referrerValues(ctx.db, insatsId) : [],
      members: targetContext(ctx.config).members,
      populations: POPULATIONS.map((p) => ({ id: p, label: POPULATION_LABEL[p] })),
    };
  }

  async function render(
    req: express.Request,
    res: express.Response,
    status = 200,
    form: { errors?: string[]; values?: Record<string, unknown> } = {},
    query: Record<string, unknown> = { ...(req.query as Record<string, unknown>), ...(req.body ?? {}) },
  ) {
    const choices = await filterChoices(ctx.db, ctx.surveys);
    const filter = await parseFilter(ctx.db, ctx.surveys, query, choices);
    const insats = choices.insatser.find((i) => i.id === filter.insats?.id) ?? choices.insatser[0];
    const report = insats ? await mergedInsatsReport(ctx, filter.period, insats.name) : null;
    const otherPeriods = insats ? (await targetPeriods(ctx.db, insats.id)).filter((p) => p !== filter.period.key) : [];
    res.status(status).render('kansli/results/targets', {
      title: 'Mål',
      nav: 'rapport',
      fmt,
      choices,
      filter,
      otherPeriods,
      insats,
      report,
      ...(await formChoices(insats?.id)),
      grading: ctx.config.gradeNames,
      saved: typeof req.query.sparat === 'string' ? req.query.sparat : null,
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
    try {
      if (!(await insatsExists(ctx.db, insatsId))) throw new UserError('Välj en insats.');
      const input = targetFromForm(b, insatsId, period);
      const manual = str(b.manual) ? parseManualOutcome(str(b.manual)) : null;
      let target = await saveTarget(ctx.db, ctx.surveys, input, targetContext(ctx.config));
      await guards.audit(req, 'target.save', { targetId: target.id, insatsId, period: target.period, metric: target.metric });
      if (manual) {
        target = await setManualOutcome(ctx.db, target.id, manual, res.locals.user?.name ?? null, today());
        await guards.audit(req, 'target.outcome', { targetId: target.id, ...manual });
      }
      res.redirect(303, `/kansli/mal?period=${encodeURIComponent(target.period)}&insats=${insatsId}&sparat=mal`);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await render(req, res, 400, { errors: [err.message], values: b });
    }
  });

  const targetById = async (id: unknown): Promise<StoredTarget> => {
    const target = /^\d{1,9}$/.test(String(id)) ? await findTarget(ctx.db, Number(id)) : undefined;
    if (!target) throw new UserError('Målet finns inte längre. Ladda om sidan.', 404);
    return target;
  };

  async function renderEdit(
    res: express.Response,
    target: StoredTarget,
    status = 200,
    form: { errors?: string[]; values?: Record<string, unknown> } = {},
  ) {
    res.status(status).render('kansli/results/target-edit', {
      title: 'Ändra mål',
      nav: 'rapport',
      target,
      insats: await ctx.db.first<{ id: number; name: string }>('SELECT id, name FROM insatser WHERE id = ?', [target.insatsId]),
      ...(await formChoices(target.insatsId)),
      errors: form.errors ?? [],
      values: form.values ?? formValues(target),
    });
  }

  // Changing a target in place: the same form as for a new one, filled in with the target's values.
  router.get('/mal/:id/andra', guards.requireAdmin, async (req, res) => {
    await renderEdit(res, await targetById(req.params.id));
  });

  router.post('/mal/:id/andra', guards.requireAdmin, async (req, res) => {
    const target = await targetById(req.params.id);
    const b = req.body as Record<string, unknown>;
    try {
      const input = targetFromForm(b, target.insatsId, str(b.period));
      const manual = str(b.manual) ? parseManualOutcome(str(b.manual)) : null;
      const saved = await updateTarget(
        ctx.db,
        ctx.surveys,
        target.id,
        input,
        manual,
        { by: res.locals.user?.name ?? null, on: today() },
        targetContext(ctx.config),
      );
      await guards.audit(req, 'target.edit', {
        targetId: saved.id,
        insatsId: saved.insatsId,
        period: saved.period,
        metric: saved.metric,
      });
      res.redirect(303, `/kansli/mal?period=${encodeURIComponent(saved.period)}&insats=${saved.insatsId}&sparat=mal`);
    } catch (err) {
      if (!(err instanceof UserError) || err.status === 404) throw err;
      await renderEdit(res, target, err.status, { errors: [err.message], values: b });
    }
  });

  router.post('/mal/:id/utfall', guards.requireAdmin, async (req, res) => {
    const target = /^\d{1,9}$/.test(String(req.params.id)) ? await findTarget(ctx.db, Number(req.params.id)) : undefined;
    if (!target) throw new UserError('Målet finns inte längre. Ladda om sidan.', 404);
    const b = req.body as Record<string, unknown>;
    const back = `/kansli/mal?period=${encodeURIComponent(target.period)}&insats=${target.insatsId}`;
    try {
      const manual = str(b.utfall) ? parseManualOutcome(str(b.utfall)) : { value: null, of: null, text: null };
      await setManualOutcome(ctx.db, target.id, manual, res.locals.user?.name ?? null, today());
      await guards.audit(req, 'target.outcome', { targetId: target.id, ...manual });
      res.redirect(303, `${back}&sparat=${str(b.utfall) ? 'utfall' : 'utfall-borttaget'}`);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await render(req, res, 400, { errors: [err.message] }, { period: target.period, insats: String(target.insatsId) });
    }
  });

  router.post('/mal/bedomning', guards.requireAdmin, async (req, res) => {
    const b = req.body as Record<string, unknown>;
    const insatsId = Number(str(b.insats));
    if (!(await insatsExists(ctx.db, insatsId))) throw new UserError('Välj en insats.');
    const period = targetPeriod(str(b.period));
    await setVerdict(ctx.db, insatsId, period, str(b.bedomning), res.locals.user?.name ?? null, today());
    await guards.audit(req, 'target.verdict', { insatsId, period });
    res.redirect(303, `/kansli/mal?period=${encodeURIComponent(period)}&insats=${insatsId}&sparat=bedomning`);
  });

  router.get('/mal/:id/ta-bort', guards.requireAdmin, async (req, res) => {
    const target = /^\d{1,9}$/.test(String(req.params.id)) ? await findTarget(ctx.db, Number(req.params.id)) : undefined;
    if (!target) throw new UserError('Målet finns inte längre. Ladda om sidan.', 404);
    res.render('kansli/results/target-delete', {
      title: 'Ta bort mål',
      nav: 'rapport',
      target,
      insats: await ctx.db.first<{ name: string }>('SELECT name FROM insatser WHERE id = ?', [target.insatsId]),
    });
  });

  router.post('/mal/:id/ta-bort', guards.requireAdmin, async (req, res) => {
    const target = await findTarget(ctx.db, Number(req.params.id));
    if (!target) throw new UserError('Målet finns inte längre. Ladda om sidan.', 404);
    await removeTarget(ctx.db, target.id);
    await guards.audit(req, 'target.remove', { targetId: target.id, insatsId: target.insatsId, period: target.period });
    res.redirect(303, `/kansli/mal?period=${encodeURIComponent(target.period)}&insats=${target.insatsId}&sparat=borttaget`);
  });

  return router;
}
