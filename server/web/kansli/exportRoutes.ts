// CSV exports of every results table (Swedish Excel: BOM, ";", decimal comma, CRLF, formula guard),
// and, for admins, a round's raw responses. Every export is written to the audit log.
import { periodSlug } from '../../../analysis/period.js';
import { memberTable } from '../../../analysis/referrers.js';
import { variableTable } from '../../../analysis/variables.js';
import { slugify } from '../../../analysis/slug.js';
import { reasonGroupsTable } from '../../../analysis/outcomeTables.js';
import express from 'express';
import { rawRoundExport } from '../../survey/rawExport.js';
import type { AppContext } from '../../context.js';
import { requireAdmin, auditFor } from './guards.js';
import { filterChoices, parseFilter, rejectForbund } from './resultsFilter.js';
import type { indicatorsFor } from '../../indicators/service.js';
import { selectionFor, seriesCountOf, seriesFor } from './resultsRoutes.js';
import { outcomeReport } from '../../outcomes/report.js';
import { mergedInsatsReport } from '../../report/merged.js';
import { findRound } from '../../survey/rounds.js';
import { roundRespondents } from '../../indicators/queries.js';
import { effectiveMinCell } from '../../../analysis/disclosure.js';
import { outcomeSeriesFor, seriesLength } from '../../outcomes/series.js';
import {
  ageAtStartTable,
  backgroundTable,
  distributionTable,
  endReasonsTable,
  flowTable,
  indicatorSeriesTable,
  indicatorTable,
  referrersTable,
  responseRateTable,
  seriesTable,
  targetsTable,
  timeInInsatsTable,
  workOrStudiesTable,
} from '../../../analysis/reportTables.js';
import { tableToCsv, toCsv, type Table } from '../../../analysis/csv.js';
import { UserError } from '../../errors.js';

function sendCsv(res: express.Response, fileName: string, body: Buffer) {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}

export function exportRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  async function filterOf(req: express.Request) {
    const choices = await filterChoices(ctx.db, ctx.surveys);
    return parseFilter(ctx.db, ctx.surveys, req.query as Record<string, unknown>, choices);
  }

  const indicatorTables: Record<string, (r: Awaited<ReturnType<typeof indicatorsFor>>) => Table> = {
    indikatorer: indicatorTable,
    fordelning: distributionTable,
    svarsfrekvens: (r) => responseRateTable(r.rounds),
  };
  const outcomeTables: Record<string, (o: Awaited<ReturnType<typeof outcomeReport>>) => Table> = {
    flode: flowTable,
    avslutsorsaker: endReasonsTable,
    'arbete-studier': workOrStudiesTable,
    remittenter: referrersTable,
    utbildning: (o) => backgroundTable(o, 'education'),
    aldersgrupp: (o) => backgroundTable(o, 'ageGroup'),
    'tid-utan-arbete': (o) => backgroundTable(o, 'timeWithoutWork'),
    boende: (o) => backgroundTable(o, 'residence'),
    'tid-i-insatsen': timeInInsatsTable,
    'alder-vid-start': ageAtStartTable,
    avslutsgrupper: reasonGroupsTable,
  };

  router.get('/export/:table.csv', async (req, res) => {
    let name = String(req.params.table);
    const f = await filterOf(req);
    // The förbund's own rounds are a survey selection only (docs/domain.md "Omgångar utan insats").
    if (!indicatorTables[name] && name !== 'indikatorer-serie') rejectForbund(f);
    let table: Table;
    if (indicatorTables[name]) {
      table = indicatorTables[name]!(await selectionFor(ctx, f));
    } else if (outcomeTables[name]) {
      table = outcomeTables[name]!(
        await outcomeReport(ctx.db, {
          period: f.period,
          insats: f.insats,
          group: f.group,
          codebook: ctx.config.codebook,
          minCell: ctx.config.minCell,
          mapping: ctx.config.codebookMapping,
        }),
      );
    } else if (name === 'anmalande-part-medlem' || name === 'variabel') {
      const report = await outcomeReport(ctx.db, {
        period: f.period,
        insats: f.insats,
        group: f.group,
        codebook: ctx.config.codebook,
        minCell: ctx.config.minCell,
        previous: false,
        extras: { referrerCodebook: ctx.config.referrerCodebook },
      });
      if (name === 'anmalande-part-medlem') table = memberTable('Medlem', report.referrersByMember, report.minCell);
      else {
        const variable = report.variables.find((v) => v.name === req.query.namn);
        if (!variable)
          throw new UserError('Variabeln finns inte i uppföljningen för det här urvalet. Välj en tabell på utfallssidan.', 404);
        const ended = req.query.bland === 'avslutade';
        if (!ended && req.query.bland !== 'nya' && req.query.bland !== undefined)
          throw new UserError('"bland" i adressen ska vara nya eller avslutade.');
        table = variableTable(variable.name, ended ? variable.ended : variable.started, report.minCell);
        name = `${name}-${slugify(variable.name)}-${ended ? 'avslutade' : 'nya'}`;
      }
    } else if (name === 'utfall-serie') {
      const count = seriesLength(req.query.perioder);
      // The length is in the name: a series of 5 and one of 10 periods are different files.
      name = `${name}-${count}-perioder`;
      table = seriesTable(
        await outcomeSeriesFor(ctx.db, {
          period: f.period,
          insats: f.insats,
          group: f.group,
          codebook: ctx.config.codebook,
          minCell: ctx.config.minCell,
          count,
          mapping: ctx.config.codebookMapping,
        }),
      );
    } else if (name === 'indikatorer-serie') {
      const series = await seriesFor(ctx, f, req.query as Record<string, unknown>);
      table = indicatorSeriesTable(series);
      name = `${name}-${seriesCountOf(req.query as Record<string, unknown>)}-perioder`;
    } else if (name === 'rapport') {
      if (!f.insats) throw new UserError('Välj en insats för rapporttabellen.');
      table = targetsTable((await mergedInsatsReport(ctx, f.period, f.insats)).targets);
    } else throw new UserError('Tabellen finns inte.', 404);
    await audit(req, 'export.csv', {
      table: name,
      period: f.period.key,
      insatsId: f.insats?.id ?? null,
      ...(f.group ? { groupId: f.group.id } : {}),
      instrument: f.instrument,
      roundId: f.roundId,
    });
    // Indicator tables and series name their questionnaire too, so the participants' and the staff's
    // tables for one selection do not get the same file name.
    const instrument = indicatorTables[String(req.params.table)] || req.params.table === 'indikatorer-serie' ? [f.instrument] : [];
    const scope = [periodSlug(f.period), f.insats?.name ?? (f.group ? `grupp-${f.group.name}` : 'alla'), ...instrument, name]
      .join('-')
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9-]+/g, '-');
    sendCsv(res, `${scope}.csv`, tableToCsv(table));
  });

  // Raw responses of one round (admins only): day-level dates, response order shuffled by sorting
  // on the date and the answers, free text only when asked for.
  router.get('/omgangar/:id/svar.csv', requireAdmin, async (req, res) => {
    const round = /^\d{1,9}$/.test(String(req.params.id)) ? await findRound(ctx.db, Number(req.params.id)) : undefined;
    if (!round) throw new UserError('Enkätomgången finns inte.', 404);
    const q = ctx.surveys.get(round.instrument_id, round.instrument_version);
    if (!q) throw new UserError('Enkäten för omgången finns inte längre.', 404);
    const withText = req.query.fritext === '1';
    // Free text only from a round that itself has at least k respondents (docs/disclosure.md).
    const k = effectiveMinCell(ctx.config.minCell);
    if (withText && (await roundRespondents(ctx.db, round.id)) < k)
      throw new UserError(
        `Fritextsvaren kan inte laddas ner för en omgång där färre än ${k} har svarat, för att skydda de svarandes anonymitet. Ladda ner svaren utan fritext.`,
        403,
      );
    const { headers, rows } = await rawRoundExport(ctx.db, round.id, q, withText);
    await audit(req, 'export.raw', { roundId: round.id, freeText: withText });
    sendCsv(res, `omgang-${round.id}-svar${withText ? '-med-fritext' : ''}.csv`, toCsv(headers, rows));
  });

  return router;
}
