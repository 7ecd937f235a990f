// One NNS indicator across respondent groups (/kansli/indikatorer): the page, its JSON, CSV and
// chart, the national reference values (upload for admins) and the export for national compilation.
// Thin: the numbers come from server/indicators/crossGroup.ts and national.ts.
import express, { type Request } from 'express';
import type { AppContext } from '../../context.js';
import { crossGroupFor, findIndicatorKey, indicatorKeys, nationalExport, checkPeriodCount } from '../../indicators/crossGroup.js';
import { importNational, importSummary, listNational, MAX_NATIONAL_BYTES, type NationalImportResult } from '../../indicators/national.js';
import { filterChoices, parseFilter, pickerValues } from './resultsFilter.js';
import { auditFor, forbidden, requireAdmin, sameToken } from './guards.js';
import { streamUpload } from '../upload.js';
import { UserError } from '../../errors.js';
import { crossGroupTable, nationalExportTable } from '../../../analysis/crossGroupTables.js';
import { tableToCsv } from '../../../analysis/csv.js';
import { crossGroupChart } from '../../../analysis/charts/catalogue.js';
import { chartDataTable } from '../../../analysis/charts/dataTable.js';
import { suggestedChartSize } from '../../../analysis/charts/configs.js';
import { periodSlug } from '../../../analysis/period.js';
import { MAX_CROSS_PERIODS } from '../../../analysis/crossGroup.js';
import { slugify } from '../../../analysis/slug.js';
import { today } from '../../time.js';
import { fmt } from '../format.js';

/** A single query value, or undefined; a repeated one is a 400. */
function one(query: Record<string, unknown>, key: string): string | undefined {
  const v = query[key];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new UserError(`Värdet "${key}" står flera gånger i adressen. Ta bort det ena.`);
  return v;
}

/** `perioder`: 1–5 periods side by side; missing = 2 (this year and the year before). */
function periodCountOf(query: Record<string, unknown>): number {
  const v = one(query, 'perioder');
  if (v === undefined) return 2;
  if (!/^\d{1,2}$/.test(v)) throw new UserError(`"perioder" ska vara ett heltal från 1 till ${MAX_CROSS_PERIODS}.`);
  return checkPeriodCount(Number(v));
}

function sendCsv(res: express.Response, fileName: string, body: Buffer) {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}

/** A national percentage as published: a decimal only when it has one. */
export function nationalPercent(v: number): string {
  return `${fmt.number(v, Number.isInteger(v) ? 0 : 1)} %`;
}

export function crossGroupRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  /** The page's selection: indicator key (default the first), period and insats from the results filter, periods side by side. */
  async function load(req: Request) {
    const query = req.query as Record<string, unknown>;
    const keys = indicatorKeys(ctx.surveys);
    const choices = await filterChoices(ctx.db, ctx.surveys);
    const filter = await parseFilter(ctx.db, ctx.surveys, query, choices);
    if (filter.group !== null || filter.roundId !== null)
      throw new UserError(
        'Indikatorer per svarsgrupp visas för en insats eller alla insatser och en period. Välj en insats eller alla insatser.',
      );
    const keyText = one(query, 'indikator');
    const key = keyText !== undefined ? findIndicatorKey(ctx.surveys, keyText).key : keys[0]?.key;
    const count = periodCountOf(query);
    const result = key
      ? await crossGroupFor(
          ctx.db,
          ctx.surveys,
          { indicator: key, period: filter.period, count, insats: filter.insats },
          ctx.config.minCell,
        )
      : null;
    const params = new URLSearchParams({ period: filter.period.key, perioder: String(count) });
    if (key) params.set('indikator', key);
    if (filter.insats) params.set('insats', String(filter.insats.id));
    return { keys, choices, filter, count, result, query: params.toString() };
  }

  async function page(req: Request, res: express.Response, status = 200, extra: { errors?: string[]; message?: string } = {}) {
    const data = await load(req);
    const scope = `${data.filter.insats?.name ?? 'Alla insatser'} ${data.filter.period.label}`;
    const chart = data.result ? crossGroupChart(data.result, scope) : null;
    res.status(status).render('kansli/results/cross-group', {
      title: 'Indikatorer per svarsgrupp',
      nav: 'resultat',
      fmt,
      nationalPercent,
      pickerValue: pickerValues,
      ...data,
      maxPeriods: MAX_CROSS_PERIODS,
      charts: chart ? [{ name: chart.name, title: chart.title, table: chartDataTable(chart.config) }] : [],
      national: await listNational(ctx.db),
      exportYear: Number(today().slice(0, 4)) - 1,
      errors: extra.errors ?? [],
      message: extra.message ?? null,
      minCell: ctx.config.minCell,
    });
  }

  router.get('/indikatorer', (req, res) => page(req, res));

  router.get('/indikatorer/grupper.json', async (req, res) => {
    const { result } = await load(req);
    if (!result) throw new UserError('Ingen enkät har någon indikatornyckel ("indicator") ännu.', 404);
    res.setHeader('Cache-Control', 'no-store');
    res.json(result);
  });

  router.get('/indikatorer/diagram/:file', async (req, res) => {
    const m = /^indikator-grupper\.(png|svg)$/.exec(String(req.params.file));
    if (!m) throw new UserError('Diagrammet finns inte. Välj ett diagram på sidan Indikatorer per svarsgrupp.', 404);
    const format = m[1] as 'png' | 'svg';
    const { result, filter } = await load(req);
    const chart = result ? crossGroupChart(result, `${filter.insats?.name ?? 'Alla insatser'} ${filter.period.label}`) : null;
    if (!chart || !result) throw new UserError('Ingen andel kan visas för urvalet, så det finns inget diagram.', 404);
    await audit(req, 'export.chart', { chart: chart.name, format, indicator: result.indicator.key, period: filter.period.key });
    const { renderChart, sharedChartRenderer } = await import('../../charts/renderer.js');
    const body = await renderChart(sharedChartRenderer(), chart.config, format, suggestedChartSize(chart.config));
    const name = `${periodSlug(filter.period)}-${slugify(filter.insats?.name ?? 'alla-insatser')}-${result.indicator.key}`;
    res.setHeader('Content-Type', format === 'svg' ? 'image/svg+xml' : 'image/png');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `inline; filename="${name}.${format}"`);
    res.send(body);
  });

  router.get('/export/indikator-grupper.csv', async (req, res) => {
    const { result, filter } = await load(req);
    if (!result) throw new UserError('Ingen enkät har någon indikatornyckel ("indicator") ännu.', 404);
    await audit(req, 'export.csv', { table: 'indikator-grupper', indicator: result.indicator.key, period: filter.period.key });
    sendCsv(res, `${periodSlug(filter.period)}-${result.indicator.key}-grupper.csv`, tableToCsv(crossGroupTable(result)));
  });

  router.get('/export/nationell-sammanstallning.csv', async (req, res) => {
    const text = one(req.query as Record<string, unknown>, 'ar');
    if (text === undefined || !/^\d{4}$/.test(text)) throw new UserError('Ange året med fyra siffror i adressen, t.ex. ?ar=2024.');
    const year = Number(text);
    const rows = await nationalExport(ctx.db, ctx.surveys, year, ctx.config.minCell);
    await audit(req, 'export.csv', { table: 'nationell-sammanstallning', year });
    sendCsv(res, `${year}-nationell-sammanstallning.csv`, tableToCsv(nationalExportTable(rows)));
  });

  router.post('/indikatorer/riket', requireAdmin, async (req, res) => {
    if (!req.is('multipart/form-data')) throw new UserError('Välj en CSV-fil med nationella värden att importera.');
    const user = res.locals.user!;
    const { fields, result } = await streamUpload(req, async (file): Promise<NationalImportResult | 'forbidden' | null> => {
      if (!sameToken(file.fieldsBefore._csrf, user.csrf)) return 'forbidden';
      if (!file.name) return null;
      // Small file: read whole (bounded), then checked and written at once or not at all.
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of file.chunks) {
        size += chunk.length;
        if (size > MAX_NATIONAL_BYTES)
          return { ok: false, errors: [`Filen är för stor (högst ${MAX_NATIONAL_BYTES / 1024} kB). Är det rätt fil?`] };
        parts.push(chunk);
      }
      return importNational(ctx.db, ctx.surveys, Buffer.concat(parts), user.name);
    });
    if (result === 'forbidden' || !sameToken(fields._csrf, user.csrf))
      return forbidden(
        res,
        'Formuläret var för gammalt eller kom inte från den här sidan. Ingenting har importerats. Ladda om sidan och försök igen.',
      );
    if (!result) return page(req, res, 400, { errors: ['Välj en CSV-fil med nationella värden att importera.'] });
    if (!result.ok) return page(req, res, 400, { errors: result.errors });
    await audit(req, 'import.national', { imported: result.imported, replaced: result.replaced });
    await page(req, res, 200, { message: importSummary(result) });
  });

  return router;
}
