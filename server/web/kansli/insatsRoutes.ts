// One insats across the years (/kansli/insatser/:id): its rounds, its participants and work or
// studies over up to five years, each questionnaire's share positive over the same years, and the
// periods it has targets for — each linking to the page with the details. Thin: the numbers come from
// the outcome and indicator series services, under the same disclosure rules as everywhere.
import express from 'express';
import type { AppContext } from '../../context.js';
import { outcomeSeriesFor } from '../../outcomes/series.js';
import { indicatorSeries } from '../../indicators/series.js';
import { instrumentsInPeriod } from '../../indicators/service.js';
import { listRounds, type Insats } from '../../survey/rounds.js';
import { targetPeriods } from '../../targets/store.js';
import { shownRoundResponses } from '../../indicators/disclosure.js';
import { seriesTable, indicatorSeriesTable } from '../../../analysis/reportTables.js';
import { yearPeriod, rangePeriod } from '../../../analysis/period.js';
import { pageTable } from './outcomeTablesView.js';
import { today } from '../../time.js';
import { UserError } from '../../errors.js';

export const INSATS_YEARS = 5;

export function insatsRoutes(ctx: AppContext): express.Router {
  const router = express.Router();

  router.get('/insatser/:id', async (req, res) => {
    const id = String(req.params.id);
    const insats = /^\d{1,9}$/.test(id)
      ? await ctx.db.first<Insats>('SELECT id, name, archived FROM insatser WHERE id = ?', [Number(id)])
      : undefined;
    if (!insats) throw new UserError('Insatsen finns inte. Välj en insats i listan.', 404);
    const ref = { id: insats.id, name: insats.name };
    // The last whole year, or the one before if nothing has happened this year yet.
    const year = Number(today().slice(0, 4)) - 1;
    const last = yearPeriod(year);
    const years = rangePeriod(`${year - INSATS_YEARS + 1}-01-01`, `${year}-12-31`);
    const base = { codebook: ctx.config.codebook, minCell: ctx.config.minCell };
    const outcomes = await outcomeSeriesFor(ctx.db, {
      ...base,
      period: last,
      insats: ref,
      count: INSATS_YEARS,
      mapping: ctx.config.codebookMapping,
    });
    const cache = new Map();
    const surveys = [];
    for (const instrument of await instrumentsInPeriod(ctx.db, years, insats.id)) {
      const s = await indicatorSeries(
        ctx.db,
        ctx.surveys,
        { period: last, insats: ref, instrument, count: INSATS_YEARS },
        ctx.config.minCell,
        { cache },
      );
      surveys.push({
        title: s.selection.title,
        instrument,
        table: pageTable('indikatorer-serie', s.selection.title, indicatorSeriesTable(s)),
      });
    }
    const rounds = (await listRounds(ctx.db)).filter((r) => r.insats_id === insats.id);
    const shown = await shownRoundResponses(ctx.db, ctx.surveys, rounds, ctx.config.minCell);
    res.render('kansli/insats', {
      title: insats.name,
      nav: 'insatser',
      insats,
      year,
      rounds: rounds.map((r) => ({ ...r, shown: shown.get(r.id) ?? null })),
      outcomes: pageTable(
        'utfall-serie',
        `Deltagare och avslut till arbete eller studier ${year - INSATS_YEARS + 1}–${year}`,
        seriesTable(outcomes),
      ),
      surveys,
      targetPeriods: await targetPeriods(ctx.db, insats.id),
    });
  });

  return router;
}
