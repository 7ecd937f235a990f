// `npm run bench`: the participant flow over HTTP next to trivial request pairs through the same
// client, and next to the submission writer on its own; report times at several sizes; import;
// charts; server memory. Loopback only, bounded in time (three to five minutes on two cores).
// bench/README.md explains every row and how to read the ratios.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { addInsats, createRound } from '../server/survey/rounds.js';
import { createSubmissionWriter, type StoredSubmission } from '../server/survey/submissions.js';
import { indicatorsFor } from '../server/indicators/service.js';
import { outcomeReport } from '../server/outcomes/report.js';
import { importOutcomes } from '../server/followup/importer.js';
import { loadConfiguredSurveys } from '../server/survey/registry.js';
import { seedDemo } from '../server/ops/demo.js';
import { mergedReport } from '../server/report/merged.js';
import { testConfig } from '../server/config.js';
import { chartSetForPeriod } from '../analysis/charts/catalogue.js';
import { renderAll, sharedChartRenderer } from '../server/charts/renderer.js';
import { projectPath } from '../server/paths.js';
import { runLevel, type FlowResult, type PairResult } from './load.js';
import { startServer } from './server.js';
import { followUpCsv, generateEpisodes, generateResponses } from './generate.js';
import { targetLines } from './targets.js';

// Seconds of flows and as many of trivial pairs per concurrency level; also the writer's run.
const SECONDS_PER_LEVEL = Number(process.env.BENCH_SECONDS ?? 6);
const CLIENTS = [1, 50, 200];
const WRITER_CONCURRENCY = 50;
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-bench-'));
const surveys = loadConfiguredSurveys({ surveysDir: null });
const rows: [string, string, string][] = [];
const json: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version }, date: new Date().toISOString() };
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const log = (s: string) => process.stderr.write(`${s}\n`);

const mb = (x: number | null) => (x === null ? '?' : `${x.toFixed(0)} MB`);
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '?');
const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function median3(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm
  const t: number[] = [];
  for (let i = 0; i < 3; i++) t.push((await time(fn))[1]);
  return t.sort((a, b) => a - b)[1]!;
}

async function freshDb(name: string): Promise<Db> {
  const db = await openDatabase(path.join(tmp, name));
  await migrate(db);
  return db;
}

/** A stored submission like the ones the participant flow makes: nine closed answers. */
function submission(roundId: number, i: number): StoredSubmission {
  return {
    roundId,
    instrumentVersion: 1,
    date: '2026-11-23',
    nonce: `writer${i.toString().padStart(20, '0')}`,
    gender: 'kvinna',
    answers: [
      'kon:kvinna',
      'tid:5',
      'bestamma:4',
      'nytta:6',
      'erfarenheter:5',
      'redo:4',
      'livssituation:3',
      'behov_kontakt:ja',
      'stod_kontakt:5',
    ].map((s) => {
      const [questionId, value] = s.split(':') as [string, string];
      return { questionId, value };
    }),
    texts: [],
  };
}

/** The group-commit writer of server/survey/submissions.ts on its own: no HTTP, no parsing. */
async function writerRate(concurrent: number): Promise<number> {
  const db = await freshDb(`writer-${concurrent}.db`);
  const insats = await addInsats(db, 'Skrivaren');
  const round = await createRound(db, { instrumentId: 'nns-deltagare-avslut', instrumentVersion: 1, insatsId: insats.id, period: '2026' });
  const writer = createSubmissionWriter(db);
  let next = 0;
  let done = 0;
  const deadline = performance.now() + SECONDS_PER_LEVEL * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrent }, async () => {
      while (performance.now() < deadline) {
        await writer.submit(submission(round.id, next++));
        done++;
      }
    }),
  );
  const rate = done / ((performance.now() - t0) / 1000);
  await db.close();
  return rate;
}

interface Level {
  clients: number;
  trivial: PairResult;
  flow: FlowResult;
}

async function http(): Promise<{ levels: Level[]; writer: number }> {
  const dbFile = path.join(tmp, 'http.db');
  const setup = await openDatabase(dbFile);
  await migrate(setup);
  const insats = await addInsats(setup, 'Bench');
  const round = await createRound(setup, {
    instrumentId: 'nns-deltagare-avslut',
    instrumentVersion: 1,
    insatsId: insats.id,
    period: '2026',
  });
  await setup.close();
  const server = await startServer(dbFile);
  const levels: Level[] = [];
  let warmFlows = 0;
  try {
    // Two seconds of each kind first, not reported: JIT, the view cache and SQLite's page cache warm up.
    warmFlows = (await runLevel(server.port, round.token, 4, 2, 1)).flow.flows;
    for (const clients of CLIENTS) {
      log(`HTTP: ${clients} klienter, triviala par och deltagarflöden om vartannat …`);
      const { trivial, flow } = await runLevel(server.port, round.token, clients, SECONDS_PER_LEVEL);
      if (flow.firstError) log(`  första felet: ${flow.firstError}`);
      levels.push({ clients, trivial, flow });
    }
  } finally {
    await server.stop().catch(() => undefined);
    const mem = server.memory();
    json.serverMemoryMb = mem;
  }
  // Every accepted flow must be a stored response: an honest count, read after the server stopped.
  const check = await openDatabase(dbFile);
  const stored = (await check.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n;
  await check.close();
  json.storedResponses = stored;

  log('Skrivaren direkt …');
  const writer = await writerRate(WRITER_CONCURRENCY);
  json.http = levels;
  json.writer = { concurrent: WRITER_CONCURRENCY, perSecond: writer };

  const accepted = levels.reduce((a, l) => a + l.flow.flows, warmFlows);
  for (const l of levels) {
    const f = l.flow;
    const who = `${l.clients} klient${l.clients > 1 ? 'er' : ''}`;
    rows.push([
      `Triviala par (2 × GET /healthz), ${who}`,
      `${l.trivial.perSecond.toFixed(0)} par/s`,
      `par p50 ${ms(l.trivial.pair.p50)}, p99 ${ms(l.trivial.pair.p99)}; ${l.trivial.errors} fel`,
    ]);
    rows.push([
      `Deltagarflöde (GET + POST), ${who}`,
      `${f.perSecond.toFixed(0)} flöden/s`,
      `GET p50 ${ms(f.get.p50)}, p99 ${ms(f.get.p99)}; POST p50 ${ms(f.post.p50)}, p99 ${ms(f.post.p99)}; ${f.flows} flöden, ${f.errors} fel; ` +
        `flöde/trivialt ${ratio(f.perSecond, l.trivial.perSecond)}, flöde/skrivaren ${ratio(f.perSecond, writer)}`,
    ]);
  }
  rows.push([
    `Skrivaren (gruppcommit) direkt, ${WRITER_CONCURRENCY} samtidiga`,
    `${writer.toFixed(0)} svar/s`,
    'server/survey/submissions.ts utan HTTP, samma databasinställningar',
  ]);
  rows.push([
    'Sparade svar efter lasten',
    String(stored),
    stored === accepted
      ? `= antalet flöden som fick 303 (${accepted}, uppvärmningen medräknad)`
      : `SKILJER SIG från antalet flöden som fick 303 (${accepted})`,
  ]);
  const mem = json.serverMemoryMb as { idleRssMb: number | null; maxRssMb: number | null; hwmMb: number | null };
  rows.push([
    'Serverns minne under lasten',
    `${mb(mem.hwmMb)}`,
    `VmHWM (högsta RSS sedan start); högsta avlästa VmRSS ${mb(mem.maxRssMb)}; RSS direkt efter start ${mb(mem.idleRssMb)}`,
  ]);
  return { levels, writer };
}

async function reports(): Promise<void> {
  const out: Record<string, unknown>[] = [];
  for (const n of SIZES) {
    log(`Rapporter vid ${n} …`);
    const db = await freshDb(`reports-${n}.db`);
    const insats = await addInsats(db, 'Stor insats');
    const others = [insats.id];
    for (let k = 1; k < 5; k++) others.push((await addInsats(db, `Insats ${k}`)).id);
    const [, genResp] = await time(() => generateResponses(db, n, 2025, insats.id, 20));
    await generateResponses(db, Math.round(n / 10), 2024, insats.id, 5); // a previous year to compare with
    const [, genEp] = await time(() => generateEpisodes(db, n, others));
    await db.exclusive((tx) => tx.exec('ANALYZE'));
    const ind = await median3(() => indicatorsFor(db, surveys, { year: 2025, instrument: 'nns-deltagare-avslut' }, 5));
    // Undated rounds lie partly in a half-year: counted from the raw answers (docs/rules.md "Perioder").
    const indHalf = await median3(() => indicatorsFor(db, surveys, { period: '2025-H1', instrument: 'nns-deltagare-avslut' }, 5));
    const outc = await median3(() => outcomeReport(db, { year: 2023, insats: null, codebook: 'standard', minCell: 5 }));
    rows.push([
      `Indikatorer, ${n.toLocaleString('sv-SE')} svar`,
      ms(ind),
      `alla insatser, ett år, med jämförelse (data skapad på ${(genResp / 1000).toFixed(1)} s)`,
    ]);
    rows.push([
      `Indikatorer för ett halvår, ${n.toLocaleString('sv-SE')} svar`,
      ms(indHalf),
      'alla insatser, 2025-H1, med jämförelse; omgångarna saknar datum och räknas ur svaren i stället för löpande summor',
    ]);
    rows.push([
      `Utfallsrapport, ${n.toLocaleString('sv-SE')} deltagarperioder`,
      ms(outc),
      `alla insatser, ett år (data skapad på ${(genEp / 1000).toFixed(1)} s)`,
    ]);
    out.push({ n, indicatorsMs: ind, indicatorsHalfYearMs: indHalf, outcomesMs: outc });
    await db.close();
  }
  json.reports = out;

  log('Import av 100 000 rader …');
  const db = await freshDb('import.db');
  const csv = followUpCsv(100_000);
  const [res, importMs] = await time(() => importOutcomes(db, { buffer: csv, fileName: 'bench.csv', codebook: 'standard' }));
  if (!res.ok) throw new Error(`Importen misslyckades: ${JSON.stringify(res.errors.slice(0, 3))}`);
  const [, reimportMs] = await time(() => importOutcomes(db, { buffer: csv, fileName: 'bench.csv', codebook: 'standard' }));
  rows.push(['Import av 100 000 rader (CSV)', ms(importMs), `samma fil igen (uppdateringar): ${ms(reimportMs)}`]);
  json.import = { rows: 100_000, ms: importMs, reimportMs };
  await db.close();
}

async function charts(): Promise<{ setMs: number; setSize: number }> {
  log('Diagram …');
  const db = await freshDb('charts.db');
  await seedDemo(db, surveys, '2026-11-23');
  const report = await mergedReport({ db, config: testConfig(), surveys }, 2025);
  const set = chartSetForPeriod(report);
  const renderer = sharedChartRenderer();
  await renderer.renderPng(set[0]!.config, set[0]!.size); // warm: fonts, Chart.js
  const one = await median3(() => renderer.renderPng(set[0]!.config, set[0]!.size));
  // As `finsam charts` does it: drawing on the main thread, PNG compression on every core.
  const [, all] = await time(() => renderAll(renderer, set, 'png'));
  rows.push(['Ett diagram (PNG, pixelkvot 2)', ms(one), set[0]!.fileName]);
  rows.push([`Årets alla diagram (${set.length} st)`, ms(all), '']);
  json.charts = { oneMs: one, setMs: all, setSize: set.length };
  await db.close();
  return { setMs: all, setSize: set.length };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const loadBefore = loadAverage();
  try {
    const { levels, writer } = await http();
    const loadAfterHttp = loadAverage();
    await reports();
    const chart = await charts();
    const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
    const line = (a: string, b: string, c: string) => `${a.padEnd(w[0]!)}  ${b.padStart(w[1]!)}  ${c}`;
    const out = [
      line('Mätning', 'Resultat', 'Anmärkning'),
      line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(10)),
      ...rows.map((r) => line(...r)),
    ];
    out.push('', 'Kvoter i den här körningen (deltagarflöden per sekund delat med …):');
    for (const l of levels)
      out.push(
        `  ${String(l.clients).padStart(3)} klienter: … triviala par ${ratio(l.flow.perSecond, l.trivial.perSecond)}` +
          `, … skrivaren direkt ${ratio(l.flow.perSecond, writer)}  (${l.flow.perSecond.toFixed(0)} / ${l.trivial.perSecond.toFixed(0)} / ${writer.toFixed(0)} per s)`,
      );
    const at50 = levels.find((l) => l.clients === 50)!;
    const mem = json.serverMemoryMb as { hwmMb: number | null };
    const measured = {
      cpus: os.cpus().length,
      flowPerTrivialAt50: at50.flow.perSecond / at50.trivial.perSecond,
      postP99At50Ms: at50.flow.post.p99,
      chartSetMs: chart.setMs,
      chartSetSize: chart.setSize,
      serverRssMb: mem.hwmMb,
    };
    out.push('', ...targetLines(measured));
    const loadAfter = loadAverage();
    out.push('', `Belastning (uptime, 1/5/15 min): före ${loadBefore}; efter HTTP-delen ${loadAfterHttp}; efter allt ${loadAfter}`);
    out.push(`Körtid: ${((performance.now() - t0) / 1000).toFixed(0)} s på ${os.cpus().length} kärnor, Node ${process.version}`);
    json.loadAverage = { before: loadBefore, afterHttp: loadAfterHttp, after: loadAfter };
    process.stdout.write(out.join('\n') + '\n');
    fs.mkdirSync(projectPath('bench', 'out'), { recursive: true });
    fs.writeFileSync(projectPath('bench', 'out', 'latest.json'), JSON.stringify({ ...json, targets: measured, table: out }, null, 2));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Benchmarken misslyckades: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
