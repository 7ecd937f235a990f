// Import of a large participant register next to the public survey form (docs/import.md):
//   npm run build && node dist/bench/import-latency.js [rows]      (default 1 000 000)
// Starts a real server process, measures the public form's GET latency and a survey POST loop with
// no import, then again while a generated CSV is uploaded through /kansli/import, sampling the
// server's RSS every 100 ms. Prints one JSON object. Loopback only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { openDatabase } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { addInsats, createRound } from '../server/survey/rounds.js';
import { addUser } from '../server/auth/users.js';
import { projectPath } from '../server/paths.js';
import { quantileSorted } from 'simple-statistics';
import { FOLLOW_UP_HEADER, followUpRow } from './generate.js';
import { freePort } from './server.js';

const ROWS = Number(process.argv[2] ?? process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const BASELINE_SECONDS = 8;
const PASSWORD = 'bänkprov-lösenord-som-är-långt';
async function writeCsv(file: string, n: number): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write(`${FOLLOW_UP_HEADER}\r\n`);
  for (let i = 0; i < n; i++) {
    const line = followUpRow(i);
    if (!out.write(`${line}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return fs.statSync(file).size;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function request(
  port: number,
  method: string,
  p: string,
  opts: { body?: string | Buffer; headers?: Record<string, string | number>; agent?: http.Agent } = {},
): Promise<{ status: number; text: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method, headers: opts.headers, agent: opts.agent }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(parts).toString('utf8'),
          cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!),
        }),
      );
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Sequential GETs of the public form and POSTs of answers until stop() is called. */
function probe(port: number, token: string) {
  const get: number[] = [];
  const post: number[] = [];
  let running = true;
  let seq = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const getLoop = (async () => {
    while (running) {
      const t0 = performance.now();
      await request(port, 'GET', `/e/${token}`, { agent });
      get.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const postLoop = (async () => {
    while (running) {
      const body = `nonce=importbench${process.pid}x${String(seq++).padStart(12, '0')}&kon=kvinna&tid=5`;
      const t0 = performance.now();
      await request(port, 'POST', `/e/${token}`, {
        agent,
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      });
      post.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return {
      n: s.length,
      p50: +quantileSorted(s, 0.5).toFixed(1),
      p99: +quantileSorted(s, 0.99).toFixed(1),
      max: +(s.at(-1) ?? NaN).toFixed(1),
    };
  };
  return {
    async stop() {
      running = false;
      await Promise.all([getLoop, postLoop]);
      agent.destroy();
      return { formGet: stats(get), surveyPost: stats(post) };
    },
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-import-bench-'));
  const dbFile = path.join(dir, 'bench.db');
  const db = await openDatabase(dbFile);
  await migrate(db);
  const insats = await addInsats(db, 'Bänkinsats');
  const round = await createRound(db, { instrumentId: 'nns-deltagare-avslut', instrumentVersion: 1, insatsId: insats.id, period: '2024' });
  await addUser(db, 'bench-admin', 'admin', PASSWORD);
  await db.close();

  const csvFile = path.join(dir, 'register.csv');
  const bytes = await writeCsv(csvFile, ROWS);

  const port = await freePort();
  const child = spawn(process.execPath, [projectPath('dist', 'server', 'main.js')], {
    env: { ...process.env, FINSAM_DB: dbFile, FINSAM_DEMO: '0', PORT: String(port), FINSAM_SUBMIT_LIMIT: '100000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; i < 100; i++) {
      if (
        await request(port, 'GET', '/healthz').then(
          (r) => r.status === 200,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Sign in.
    const form = await request(port, 'GET', '/kansli/logga-in');
    const signIn = `_csrf=${encodeURIComponent(csrfOf(form.text))}&name=bench-admin&password=${encodeURIComponent(PASSWORD)}&back=%2Fkansli%2Fimport`;
    const signed = await request(port, 'POST', '/kansli/logga-in', {
      body: signIn,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': Buffer.byteLength(signIn),
        Cookie: form.cookies.join('; '),
      },
    });
    const cookie = signed.cookies.join('; ');
    const page = await request(port, 'GET', '/kansli/import', { headers: { Cookie: cookie } });
    const csrf = csrfOf(page.text);
    if (!csrf) throw new Error(`sign-in failed (${signed.status})`);

    // Baseline: no import.
    const rssIdle = rssMb(child.pid!);
    const base = probe(port, round.token);
    await new Promise((r) => setTimeout(r, BASELINE_SECONDS * 1000));
    const baseline = await base.stop();

    // The upload, streamed from disk, while probing.
    const boundary = `----finsambench${Date.now()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="codebook"\r\n\r\nstandard\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="register.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    let rssMax = 0;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(child.pid!))), 100);
    const during = probe(port, round.token);
    const t0 = performance.now();
    const upload = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/kansli/import',
          method: 'POST',
          headers: {
            Cookie: cookie,
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Content-Length': head.length + bytes + tail.length,
          },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.write(head);
      const file = fs.createReadStream(csvFile);
      file.pipe(req, { end: false });
      file.on('end', () => req.end(tail));
    });
    const importSeconds = (performance.now() - t0) / 1000;
    const withImport = await during.stop();
    clearInterval(sampler);
    const message =
      /Import \d+ klar[^<]*/.exec(upload.text)?.[0] ??
      upload.text
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 300);
    console.log(
      JSON.stringify(
        {
          rows: ROWS,
          fileMb: +(bytes / 1024 / 1024).toFixed(1),
          importSeconds: +importSeconds.toFixed(1),
          status: upload.status,
          message,
          rssIdleMb: rssIdle,
          rssMaxDuringImportMb: rssMax,
          baseline,
          withImport,
        },
        null,
        2,
      ),
    );
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
