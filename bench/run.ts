// `npm run bench`: submissions over HTTP next to raw SQLite inserts, report times at 10k/100k/1M,
// import time, chart rendering and server memory. Loopback only; bounded in time (a few minutes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { openDatabase, type Db } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { addInsats, createRound } from '../server/survey/rounds.js';
import { createSubmissionWriter, type StoredSubmission } from '../server/survey/submissions.js';
import { indicatorsFor } from '../server/indicators/service.js';
import { outcomeReport } from '../server/outcomes/report.js';
import { importOutcomes } from '../server/outcomes/importer.js';
import { loadConfiguredSurveys } from '../server/surveys.js';
import { seedDemo } from '../server/demo.js';
import { mergedReport } from '../server/report/merged.js';
import { testConfig } from '../server/config.js';
import { chartSetForYear } from '../analysis/charts/adapters.js';
import { sharedChartRenderer } from '../server/charts/renderer.js';
import { projectPath } from '../server/paths.js';
import { runLoad, percentile, type LoadResult } from './load.js';
import { followUpCsv, generateEpisodes, generateResponses } from './generate.js';

const SECONDS_PER_LEVEL = Number(process.env.BENCH_SECONDS ?? 6);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-bench-'));
const surveys = loadConfiguredSurveys({ surveysDir: null });
const rows: [string, string, string][] = [];
const json: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version }, date: new Date().toISOString() };
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const log = (s: string) => process.stderr.write(`${s}\n`);

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

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function freshDb(name: string): Promise<Db> {
  const db = await openDatabase(path.join(tmp, name));
  await migrate(db);
  return db;
}

function submission(roundId: number, i: number): StoredSubmission {
  return {
    roundId,
    instrumentVersion: 1,
    date: '2026-11-23',
    nonce: `raw${i.toString().padStart(20, '0')}`,
    gender: 'kvinna',
    answers: ['kon:kvinna', 'tid:5', 'bestamma:4', 'nytta:6', 'erfarenheter:5', 'redo:4', 'livssituation:3', 'behov_kontakt:ja', 'stod_kontakt:5'].map((s) => {
      const [questionId, value] = s.split(':') as [string, string];
      return { questionId, value };
    }),
    texts: [],
  };
}

async function submissions(): Promise<void> {
  // The server under test, as a separate process on loopback.
  const dbFile = path.join(tmp, 'http.db');
  const setup = await openDatabase(dbFile);
  await migrate(setup);
  const insats = await addInsats(setup, 'Bench');
  const round = await createRound(setup, { instrumentId: 'nns-deltagare-avslut', instrumentVersion: 1, insatsId: insats.id, period: '2026' });
  await setup.close();
  const port = await freePort();
  const child = spawn(process.execPath, [projectPath('dist', 'server', 'main.js')], {
    env: { ...process.env, FINSAM_DB: dbFile, FINSAM_DEMO: '0', PORT: String(port), FINSAM_SUBMIT_LIMIT: '100000000' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  try {
    for (let i = 0; i < 100; i++) {
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const results: LoadResult[] = [];
    for (const clients of [1, 50, 200]) {
      log(`HTTP: ${clients} klienter …`);
      results.push(await runLoad(port, round.token, clients, SECONDS_PER_LEVEL));
    }
    const hwm = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1];
    json.http = results;
    json.serverPeakRssMb = hwm ? Number(hwm) / 1024 : null;

    // Raw SQLite, same rows, same settings (WAL, synchronous=FULL), in this process.
    log('SQLite direkt …');
    const raw = await freshDb('raw.db');
    const rawInsats = await addInsats(raw, 'Raw');
    const rawRound = await createRound(raw, { instrumentId: 'nns-deltagare-avslut', instrumentVersion: 1, insatsId: rawInsats.id, period: '2026' });
    const writer = createSubmissionWriter(raw);
    let i = 0;
    const deadline = performance.now() + SECONDS_PER_LEVEL * 1000;
    const t0 = performance.now();
    const lat: number[] = [];
    while (performance.now() < deadline) {
      const s0 = performance.now();
      await writer.submit(submission(rawRound.id, i++)); // one transaction per response, awaited
      lat.push(performance.now() - s0);
    }
    const rawRate = i / ((performance.now() - t0) / 1000);
    lat.sort((a, b) => a - b);
    // Group commit: 50 concurrent writers sharing transactions.
    let j = 1_000_000_000;
    const gDeadline = performance.now() + SECONDS_PER_LEVEL * 1000;
    const g0 = performance.now();
    let groupCount = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (performance.now() < gDeadline) {
          await writer.submit(submission(rawRound.id, j++));
          groupCount++;
        }
      }),
    );
    const groupRate = groupCount / ((performance.now() - g0) / 1000);
    await raw.close();
    json.sqlite = { oneTransactionEach: rawRate, p50: percentile(lat, 50), p99: percentile(lat, 99), groupCommit50: groupRate };

    for (const r of results)
      rows.push([
        `Enkätsvar över HTTP, ${r.clients} klient${r.clients > 1 ? 'er' : ''}`,
        `${r.perSecond.toFixed(0)} svar/s`,
        `p50 ${ms(r.p50)}, p99 ${ms(r.p99)}; ${r.requests} svar, ${r.errors} fel; HTTP/SQLite ${(r.perSecond / rawRate).toFixed(2)}`,
      ]);
    rows.push(['SQLite direkt, en transaktion per svar', `${rawRate.toFixed(0)} svar/s`, `p50 ${ms(percentile(lat, 50))}, p99 ${ms(percentile(lat, 99))} (samma rader, WAL, synchronous=FULL)`]);
    rows.push(['SQLite direkt, gruppcommit, 50 samtidiga', `${groupRate.toFixed(0)} svar/s`, 'samma skrivväg som servern']);
    rows.push(['Serverns högsta minne (VmHWM) under last', `${json.serverPeakRssMb ? (json.serverPeakRssMb as number).toFixed(0) : '?'} MB`, '']);
  } finally {
    child.kill('SIGTERM');
  }
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
    const outc = await median3(() => outcomeReport(db, { year: 2023, insats: null, codebook: 'standard', minCell: 5 }));
    rows.push([`Indikatorer, ${n.toLocaleString('sv-SE')} svar`, ms(ind), `alla insatser, ett år, med jämförelse (data skapad på ${(genResp / 1000).toFixed(1)} s)`]);
    rows.push([`Utfallsrapport, ${n.toLocaleString('sv-SE')} deltagarperioder`, ms(outc), `alla insatser, ett år (data skapad på ${(genEp / 1000).toFixed(1)} s)`]);
    out.push({ n, indicatorsMs: ind, outcomesMs: outc });
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

async function charts(): Promise<void> {
  log('Diagram …');
  const db = await freshDb('charts.db');
  await seedDemo(db, surveys, '2026-11-23');
  const report = await mergedReport({ db, config: testConfig(), surveys }, 2025);
  const set = chartSetForYear(report);
  const renderer = sharedChartRenderer();
  await renderer.renderPng(set[0]!.config, set[0]!.size); // warm: fonts, Chart.js
  const one = await median3(() => renderer.renderPng(set[0]!.config, set[0]!.size));
  const [, all] = await time(async () => {
    for (const c of set) await renderer.renderPng(c.config, c.size);
  });
  rows.push(['Ett diagram (PNG, pixelkvot 2)', ms(one), set[0]!.fileName]);
  rows.push([`Årets alla diagram (${set.length} st)`, ms(all), '']);
  json.charts = { oneMs: one, setMs: all, setSize: set.length };
  await db.close();
}

async function main(): Promise<void> {
  const t0 = performance.now();
  await submissions();
  await reports();
  await charts();
  const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
  const line = (a: string, b: string, c: string) => `${a.padEnd(w[0]!)}  ${b.padStart(w[1]!)}  ${c}`;
  const out = [line('Mätning', 'Resultat', 'Anmärkning'), line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(10)), ...rows.map((r) => line(...r))];
  const http50 = (json.http as LoadResult[]).find((r) => r.clients === 50)!;
  const raw = (json.sqlite as { oneTransactionEach: number }).oneTransactionEach;
  out.push('', `Huvudtal: HTTP vid 50 klienter / SQLite direkt = ${(http50.perSecond / raw).toFixed(2)} (${http50.perSecond.toFixed(0)} / ${raw.toFixed(0)} svar/s)`);
  out.push(`Körtid: ${((performance.now() - t0) / 1000).toFixed(0)} s på ${os.cpus().length} kärnor, Node ${process.version}`);
  process.stdout.write(out.join('\n') + '\n');
  fs.mkdirSync(projectPath('bench', 'out'), { recursive: true });
  fs.writeFileSync(projectPath('bench', 'out', 'latest.json'), JSON.stringify({ ...json, table: out }, null, 2));
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`Benchmarken misslyckades: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
