// Crash safety: SIGKILL the server under load and check that every response acknowledged with a
// 303 is stored, whole; and that SIGTERM finishes requests in flight and exits cleanly.
import fs from 'node:fs';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freshDb, tempDbPath } from './helpers.js';
import { freePort } from './support/freePort.js';
import { addInsats, createRound } from '../server/survey/rounds.js';
import { openDatabase } from '../server/db/database.js';
import { projectPath } from '../server/paths.js';
import { createFormNonces, issueWith } from '../server/survey/formNonces.js';
import { today } from '../server/time.js';

const MAIN = projectPath('dist', 'server', 'main.js');

async function startServer(dbFile: string, port: number): Promise<ChildProcess> {
  if (!fs.existsSync(MAIN)) throw new Error('dist/ saknas: kör npm run build (npm test gör det först).');
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, FINSAM_DB: dbFile, FINSAM_DEMO: '0', PORT: String(port), FINSAM_SUBMIT_LIMIT: '100000000' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('servern startade inte');
}

function post(port: number, path: string, body: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function setup() {
  const file = tempDbPath();
  const db = await freshDb(file);
  const insats = await addInsats(db, 'Krocktest');
  const round = await createRound(db, { instrumentId: 'nns-deltagare-avslut', instrumentVersion: 1, insatsId: insats.id, period: '2026' });
  // The server accepts only nonces it issued: make its secret now and issue them as it would.
  await createFormNonces(db).issue(round.id, today());
  const secret = Buffer.from(
    (await db.first<{ value: string }>("SELECT value FROM settings WHERE key = 'form_nonce_secret'"))!.value,
    'hex',
  );
  await db.close();
  return { file, token: round.token, nonce: () => issueWith(secret, round.id, today()) };
}

/** Acknowledged responses to wait for before the signal, so the server is really under load. */
const WANT_ACKS = 50;

/** Polls until the condition holds or the time limit passes (then the test's own checks fail). */
async function waitFor(condition: () => boolean, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

const ANSWERS = 'kon=man&tid=4&nytta=5&behov_kontakt=ja&stod_kontakt=6';
const ANSWERS_PER_RESPONSE = 5;

describe('crash safety', () => {
  it('keeps every acknowledged response, whole, when the server is killed with SIGKILL mid-load', async () => {
    for (let run = 0; run < 3; run++) {
      const { file, token, nonce: newNonce } = await setup();
      const port = await freePort();
      const server = await startServer(file, port);
      const acknowledged: string[] = [];
      let stop = false;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
      const clients = Array.from({ length: 20 }, async (_, c) => {
        for (let i = 0; !stop; i++) {
          const nonce = newNonce();
          const status = await post(port, `/e/${token}`, `nonce=${nonce}&${ANSWERS}`, agent);
          if (status === 303) acknowledged.push(nonce);
          else if (process.env.CRASH_DEBUG) console.log('status', status);
          if (status === 0) return; // connection refused or reset: the server is gone
        }
      });
      // Kill mid-load once enough responses are acknowledged (not after a fixed time, which on a
      // loaded machine may have seen too few); a generous limit keeps a stuck server from hanging.
      await waitFor(() => acknowledged.length >= WANT_ACKS + run * 20, 20_000);
      server.kill('SIGKILL');
      stop = true;
      await Promise.all(clients);
      agent.destroy();
      expect(acknowledged.length).toBeGreaterThanOrEqual(WANT_ACKS + run * 20);
      if (process.env.CRASH_DEBUG) console.log(`run ${run}: ${acknowledged.length} acknowledged before SIGKILL`);

      // Restart on the same file: WAL recovery, then check.
      const again = await startServer(file, await freePort());
      again.kill('SIGTERM');
      await new Promise((r) => again.once('exit', r));
      const db = await openDatabase(file);
      const stored = new Set((await db.all<{ nonce: string }>('SELECT nonce FROM submission_nonces')).map((r) => r.nonce));
      const missing = acknowledged.filter((n) => !stored.has(n));
      expect(missing).toEqual([]);
      const counts = (await db.first<{ nonces: number; responses: number; partial: number }>(
        `SELECT (SELECT COUNT(*) FROM submission_nonces) AS nonces, (SELECT COUNT(*) FROM responses) AS responses,
                (SELECT COUNT(*) FROM responses r WHERE (SELECT COUNT(*) FROM answers a WHERE a.response_id = r.id) != ${ANSWERS_PER_RESPONSE}) AS partial`,
      ))!;
      expect(counts.responses).toBe(counts.nonces); // nonce and response commit together
      expect(counts.partial).toBe(0); // no half-written response
      const integrity = await db.first<{ integrity_check: string }>('PRAGMA integrity_check');
      expect(integrity!.integrity_check).toBe('ok');
      await db.close();
    }
  });

  it('on SIGTERM finishes requests in flight, closes keep-alive connections, exits 0 and keeps the data', async () => {
    const { file, token, nonce: newNonce } = await setup();
    const port = await freePort();
    const server = await startServer(file, port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 30 });
    const acknowledged: string[] = [];
    let signalled = false;
    let afterSignal = 0;
    // Clients that keep sending on their keep-alive connections until the server goes away.
    const clients = Array.from({ length: 30 }, async (_, c) => {
      for (let i = 0; i < 100_000; i++) {
        const nonce = newNonce();
        const status = await post(port, `/e/${token}`, `nonce=${nonce}&${ANSWERS}`, agent);
        if (status === 303) {
          acknowledged.push(nonce);
          if (signalled) afterSignal++;
        } else return;
      }
    });
    await waitFor(() => acknowledged.length >= WANT_ACKS, 20_000);
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    const t0 = Date.now();
    signalled = true;
    server.kill('SIGTERM');
    const code = await exited;
    const stopMs = Date.now() - t0;
    await Promise.all(clients);
    agent.destroy();
    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(3000); // not the 10 s forced exit
    expect(afterSignal).toBeLessThan(200); // stops accepting instead of serving on
    const db = await openDatabase(file);
    const stored = new Set((await db.all<{ nonce: string }>('SELECT nonce FROM submission_nonces')).map((r) => r.nonce));
    await db.close();
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((n) => !stored.has(n))).toEqual([]);
  });
});
