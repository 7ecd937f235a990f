// Kansli results: indicators per selection, outcomes, the merged report and targets, as pages, JSON,
// CSV and chart PNGs. Thin: the numbers come from the services; the kansli router supplies sign-in.
import express, { type RequestHandler, type Request, type Response } from 'express';
import { slugify } from '../../../analysis/slug.js';
import { periodSlug } from '../../../analysis/period.js';
import type { AppContext } from '../../context.js';
import { indicatorsFor, selectionTexts, type SelectionResult } from '../../indicators/service.js';
import type { DisclosureCache } from '../../indicators/disclosure.js';
import { checkSeriesCount, DEFAULT_SERIES, indicatorSeries, type IndicatorSeries } from '../../indicators/series.js';
import { MAX_SERIES } from '../../../analysis/period.js';
import { outcomeReport } from '../../outcomes/report.js';
import { hasContent, mergedInsatsReport, mergedReport } from '../../report/merged.js';
import { reportTotal } from '../../report/total.js';
import { outcomeSeriesFor, seriesLength } from '../../outcomes/series.js';
import { outcomePageTables } from './outcomeTablesView.js';
import { hideTextAnswer } from '../../indicators/queries.js';
import { listInsatser } from '../../survey/rounds.js';
import { filterChoices, filterQuery, parseFilter, rejectForbund, type ResultsFilter } from './resultsFilter.js';
import { outcomeCharts, resultsCharts, seriesCharts } from './chartList.js';
import type { AnyChartConfiguration, ChartFormat } from '../../charts/renderer.js';
import { suggestedChartSize } from '../../../analysis/charts/configs.js';
import { INDICATOR_SERIES_CHART } from '../../../analysis/charts/catalogue.js';
import { chartDataTable } from '../../../analysis/charts/dataTable.js';
import { fmt } from '../format.js';
import { UserError } from '../../errors.js';

export interface ResultsGuards {
  requireAdmin: RequestHandler;
  /** Records an audit entry for the signed-in user. */
  audit(req: Request, action: string, details: Record<string, unknown>): Promise<void>;
}

/** The indicator result for a results filter: one round, or a period × insats (or all) × questionnaire. */
export async function selectionFor(ctx: AppContext, f: ResultsFilter, cache?: DisclosureCache): Promise<SelectionResult> {
  // A group is not a node of the disclosure hierarchy (docs/disclosure.md): its indicators come later.
  if (f.group !== null)
    throw new UserError('Enkätresultat kan ännu inte visas för en grupp av insatser. Välj en insats eller alla insatser.');
  return f.roundId !== null
    ? indicatorsFor(ctx.db, ctx.surveys, { roundId: f.roundId }, ctx.config.minCell, { cache })
    : indicatorsFor(ctx.db, ctx.surveys, { period: f.period, insats: f.insats, instrument: f.instrument }, ctx.config.minCell, { cache });
}

/** The series of a results filter (insats or all × questionnaire, ending with the filter's period); `antal` periods. */
export async function seriesFor(
  ctx: AppContext,
  f: ResultsFilter,
  query: Record<string, unknown>,
  cache?: DisclosureCache,
): Promise<IndicatorSeries> {
  if (f.roundId !== null)
    throw new UserError('En serie visas för en insats eller alla insatser, inte för en enskild omgång. Välj en period.');
  const count = seriesCountOf(query);
  return indicatorSeries(ctx.db, ctx.surveys, { period: f.period, count, insats: f.insats, instrument: f.instrument }, ctx.config.minCell, {
    cache,
  });
}

/** `antal` in the query: the number of periods in a series, 1–10; missing = 5; anything else is a 400. */
export function seriesCountOf(query: Record<string, unknown>): number {
  const v = query.antal;
  if (v === undefined || v === '') return DEFAULT_SERIES;
  if (typeof v !== 'string' || !/^\d{1,2}$/.test(v)) throw new UserError(`"antal" ska vara ett heltal från 1 till ${MAX_SERIES}.`);
  return checkSeriesCount(Number(v));
}

/** "svarsfrekvens.png" → { name: 'svarsfrekvens', format: 'png' }; anything else is a 404. */
function chartFile(param: unknown): { name: string; format: ChartFormat } {
  const m = typeof param === 'string' ? /^([a-z0-9-]{1,80})\.(png|svg)$/.exec(param) : null;
  if (!m) throw new UserError('Diagrammet finns inte. Välj ett diagram på resultatsidan.', 404);
  return { name: m[1]!, format: m[2] as ChartFormat };
}

/** Sends a chart as PNG (print, 2× pixels) or SVG (vector, for report layouts). */
/**
 * Whether the request is a download (the page's "Ladda ner" links add ned=1) rather than the chart
 * shown on the page: only a download is an export for the audit log (docs/security.md), so a visit
 * to a results page does not write one entry per chart.
 */
const isDownload = (req: Request) => req.query.ned === '1';

async function sendChart(res: Response, config: AnyChartConfiguration, format: ChartFormat, baseName: string, download = false) {
  // Loaded on the first chart: Skia and Chart.js take about 30 MB that a server mostly answering
  // survey forms never needs.
  const { renderChart, sharedChartRenderer } = await import('../../charts/renderer.js');
  const body = await renderChart(sharedChartRenderer(), config, format, suggestedChartSize(config));
  res.setHeader('Content-Type', format === 'svg' ? 'image/svg+xml' : 'image/png');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Disposition', `${download ? 'attachment' : 'inline'}; filename="${baseName}.${format}"`);
  res.send(body);
}

export function resultsRoutes(ctx: AppContext, guards: ResultsGuards): express.Router {
  const router = express.Router();

  /** The filter of a request; `insats=forbund` only for the survey results (`surveys`). */
  async function load(req: Request, surveys = false) {
    const choices = await filterChoices(ctx.db, ctx.surveys);
    const filter = await parseFilter(ctx.db, ctx.surveys, req.query as Record<string, unknown>, choices);
    if (!surveys) rejectForbund(filter);
    return { choices, filter };
  }

  router.get('/resultat', async (req, res) => {
    const { choices, filter } = await load(req, true);
    // One cache: the series' last periods are the selection's own trees.
    const cache: DisclosureCache = new Map();
    const result = filter.instrument ? await selectionFor(ctx, filter, cache) : null;
    // The series when the selection has rounds in the period (as `finsam charts` draws it).
    const series =
      result && filter.roundId === null && result.rounds.length > 0
        ? await seriesOrNull(filter, req.query as Record<string, unknown>, cache)
        : null;
    // Free text only from rounds that themselves have at least k respondents within the period
    // (docs/disclosure.md), so that no small round's texts are the difference of two larger selections.
    const texts = result ? await selectionTexts(ctx.db, result, ctx.config.minCell) : [];
    const questionText = new Map((result ? ctx.surveys.get(result.selection.instrument)!.questions : []).map((q) => [q.id, q.text]));
    res.render('kansli/results/indicators', {
      title: 'Resultat',
      nav: 'resultat',
      fmt,
      choices,
      filter,
      query: filterQuery(filter),
      r: result,
      charts: result ? resultsCharts(result).map(({ name, title, config }) => ({ name, title, table: chartDataTable(config) })) : [],
      series,
      seriesQuery: series ? filterQuery(filter, { antal: String(series.selection.count) }) : '',
      seriesCharts: series ? seriesCharts(series).map(({ name, title, config }) => ({ name, title, table: chartDataTable(config) })) : [],
      maxSeries: MAX_SERIES,
      texts: texts.map((t) => ({ ...t, question: questionText.get(t.question_id) ?? t.question_id })),
      minCell: ctx.config.minCell,
    });
  });

  /** The page's series, or null (with the reason) for a period that cannot have one, e.g. "since start". */
  async function seriesOrNull(filter: ResultsFilter, query: Record<string, unknown>, cache: DisclosureCache) {
    try {
      return await seriesFor(ctx, filter, query, cache);
    } catch (err) {
      // A malformed `antal` is the user's mistake and says so; a period kind without series just has none.
      if (err instanceof UserError && query.antal === undefined) return null;
      throw err;
    }
  }

  router.get('/resultat/serie.json', async (req, res) => {
    const { filter } = await load(req, true);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await seriesFor(ctx, filter, req.query as Record<string, unknown>));
  });

  router.get('/resultat.json', async (req, res) => {
    const { filter } = await load(req, true);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await selectionFor(ctx, filter));
  });

  router.get('/resultat/diagram/:file', async (req, res) => {
    const file = chartFile(req.params.file);
    const { filter } = await load(req, true);
    const chart =
      file.name === INDICATOR_SERIES_CHART
        ? seriesCharts(await seriesFor(ctx, filter, req.query as Record<string, unknown>))[0]
        : resultsCharts(await selectionFor(ctx, filter)).find((c) => c.name === file.name);
    if (!chart) throw new UserError('Diagrammet finns inte för det här urvalet.', 404);
    if (isDownload(req)) await guards.audit(req, 'export.chart', { chart: chart.name, format: file.format, filter });
    // The insats is in the file name, so downloads for different insatser do not overwrite each other.
    const where = slugify(filter.roundId !== null ? `omgang-${filter.roundId}` : (filter.insats?.name ?? 'alla-insatser'));
    await sendChart(
      res,
      chart.config,
      file.format,
      `${periodSlug(filter.period)}-${where}-${filter.instrument}-${chart.name}${
        file.name === INDICATOR_SERIES_CHART ? `-${seriesCountOf(req.query as Record<string, unknown>)}-perioder` : ''
      }`,
      isDownload(req),
    );
  });

  router.post('/resultat/fritext/dolj', guards.requireAdmin, async (req, res) => {
    // A free text is named by its random handle, which says nothing about when it was written.
    const handle = typeof req.body?.handle === 'string' && /^[0-9a-f]{32}$/.test(req.body.handle) ? req.body.handle : '';
    const back = typeof req.body?.back === 'string' && req.body.back.startsWith('/kansli/') ? req.body.back : '/kansli/resultat';
    if (!handle) throw new UserError('Svaret som skulle döljas kunde inte hittas. Ladda om sidan och försök igen.');
    const questionId = await hideTextAnswer(ctx.db, handle);
    if (!questionId) throw new UserError('Svaret som skulle döljas kunde inte hittas. Ladda om sidan och försök igen.', 404);
    await guards.audit(req, 'freetext.hide', { questionId });
    res.redirect(303, `${back}#fritext`);
  });

  /** The outcome report; with `charts`, also each insats's report for "new participants per insats". */
  async function outcomeData(req: Request, charts: boolean) {
    const { choices, filter } = await load(req);
    const base = { period: filter.period, codebook: ctx.config.codebook, minCell: ctx.config.minCell };
    const report = await outcomeReport(ctx.db, {
      ...base,
      insats: filter.insats,
      group: filter.group,
      mapping: ctx.config.codebookMapping,
      extras: { referrerCodebook: ctx.config.referrerCodebook },
    });
    const perInsats = [];
    const series = charts
      ? await outcomeSeriesFor(ctx.db, {
          ...base,
          insats: filter.insats,
          group: filter.group,
          count: seriesLength(req.query.perioder),
          mapping: ctx.config.codebookMapping,
        })
      : null;
    if (charts && filter.insats === null) {
      const members = filter.group ? new Set(filter.group.insatsIds) : null;
      for (const i of await listInsatser(ctx.db)) {
        if (members && !members.has(i.id)) continue;
        // Only their starters are drawn, so no previous period is counted for them.
        const r = await outcomeReport(ctx.db, { ...base, insats: i, previous: false });
        if (r.flow.participated > 0) perInsats.push(r);
      }
    }
    const chartList = charts
      ? outcomeCharts(report, perInsats, filter.insats?.name ?? null, filter.period.label, filter.group?.name ?? null, series)
      : [];
    return { choices, filter, report, series, perInsats, chartList };
  }

  router.get('/utfall', async (req, res) => {
    const data = await outcomeData(req, true);
    res.render('kansli/results/outcomes', {
      title: 'Utfall',
      nav: 'utfall',
      fmt,
      ...data,
      query: filterQuery(data.filter),
      o: data.report,
      tables: outcomePageTables(data.report, data.series),
      charts: data.chartList.map(({ name, title, config }) => ({ name, title, table: chartDataTable(config) })),
    });
  });

  router.get('/utfall.json', async (req, res) => {
    const { report } = await outcomeData(req, false);
    res.setHeader('Cache-Control', 'no-store');
    res.json(report);
  });

  // The series over up to ten periods of the selected kind (?perioder=1–10, default 5).
  router.get('/utfall/serie.json', async (req, res) => {
    const { filter } = await load(req);
    const series = await outcomeSeriesFor(ctx.db, {
      period: filter.period,
      insats: filter.insats,
      group: filter.group,
      codebook: ctx.config.codebook,
      minCell: ctx.config.minCell,
      count: seriesLength(req.query.perioder),
      mapping: ctx.config.codebookMapping,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json(series);
  });

  router.get('/utfall/diagram/:file', async (req, res) => {
    const file = chartFile(req.params.file);
    const data = await outcomeData(req, true);
    const chart = data.chartList.find((c) => c.name === file.name);
    if (!chart) throw new UserError('Diagrammet finns inte för det här urvalet.', 404);
    if (isDownload(req))
      await guards.audit(req, 'export.chart', {
        chart: file.name,
        format: file.format,
        period: data.filter.period.key,
        ...(data.filter.group ? { groupId: data.filter.group.id } : {}),
      });
    const where = slugify(data.filter.insats?.name ?? (data.filter.group ? `grupp-${data.filter.group.name}` : 'alla-insatser'));
    // A series chart names its length: a series of 5 and one of 10 periods are different files.
    const length = file.name.startsWith('serie-') ? `-${seriesLength(req.query.perioder)}-perioder` : '';
    await sendChart(
      res,
      chart.config,
      file.format,
      `${periodSlug(data.filter.period)}-${where}-utfall-${file.name}${length}`,
      isDownload(req),
    );
  });

  router.get('/rapport', async (req, res) => {
    const { choices, filter } = await load(req);
    // One insats; a group's members; or every active insats. A group's members are all shown, archived or not.
    const members = filter.group ? new Set(filter.group.insatsIds) : null;
    const insatser =
      filter.insats !== null
        ? choices.insatser.filter((i) => i.id === filter.insats!.id)
        : choices.insatser.filter((i) => (members ? members.has(i.id) : !i.archived));
    const reports = [];
    const cache = new Map();
    // "Hela förbundet" (or the group counted together) first: the annual report's total table.
    const total = filter.insats === null ? await reportTotal(ctx, filter.period, filter.group, cache) : null;
    for (const i of insatser) {
      const m = await mergedInsatsReport(ctx, filter.period, i.name, cache);
      if (hasContent(m)) reports.push({ insatsId: i.id, m });
    }
    res.render('kansli/results/report', {
      title: 'Rapport',
      nav: 'rapport',
      fmt,
      choices,
      filter,
      total,
      reports,
      packageQuery: filterQuery(filter),
      minCell: ctx.config.minCell,
    });
  });

  // The whole report as one file (docs/operations.md "Rapporten som en fil").
  router.get('/rapport/paket.:format', async (req, res) => {
    const format = String(req.params.format);
    const type = {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      zip: 'application/zip',
    }[format];
    if (!type) throw new UserError('Välj Word (docx), Excel (xlsx) eller ZIP.', 404);
    const { filter } = await load(req);
    const { reportPackage } = await import('../../report/package.js');
    const pack = await reportPackage(ctx, filter.period, filter.insats, filter.group, [format as 'docx' | 'xlsx' | 'zip']);
    await guards.audit(req, 'export.package', {
      format,
      period: filter.period.key,
      insatsId: filter.insats?.id ?? null,
      groupId: filter.group?.id ?? null,
    });
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="${pack.baseName}.${format}"`);
    res.send(Object.values(pack.files)[0]);
  });

  router.get('/rapport.json', async (req, res) => {
    const { filter } = await load(req);
    res.setHeader('Cache-Control', 'no-store');
    // One insats: its section, as before. Otherwise the whole report with its total (förbund or group).
    if (filter.insats !== null) return void res.json(await mergedInsatsReport(ctx, filter.period, filter.insats));
    res.json(await mergedReport(ctx, filter.period, null, filter.group));
  });

  return router;
}
