// Start-up checks of the real server (dist/server/main.js; npm run build first, npm test does):
// a damaged or read-only database must stop the start with a clear Swedish message and a non-zero
// exit, instead of answering /healthz "ok" and then failing every write. And FINSAM_HOST.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { freshDb, tempDbPath, testApp } from './helpers.js';
import { freePort } from './support/freePort.js';
import { projectPath } from '../server/paths.js';

const MAIN = projectPath('dist', 'server', 'main.js');

const healthy = (host: string, port: number) =>
  fetch(`http://${host}:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

/** Starts the server; resolves when it exits or answers /healthz on `host`, whichever comes first. */
async function start(env: Record<string, string>, opts: { uid?: number; gid?: number; host?: string } = {}) {
  if (!fs.existsSync(MAIN)) throw new Error('dist/ saknas: kör npm run build (npm test gör det först).');
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, FINSAM_DEMO: '0', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    uid: opts.uid,
    gid: opts.gid,
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => ((exitCode = code), resolve())));
  // Poll until one of the two happens (generous limit for a loaded machine).
  for (let i = 0; i < 400 && exitCode === undefined; i++) {
    if (await healthy(opts.host ?? '127.0.0.1', port)) break;
    await Promise.race([exited, new Promise((r) => setTimeout(r, 50))]);
  }
  return {
    port,
    get exitCode() {
      return exitCode;
    },
    stderr: () => stderr,
    async stop() {
      if (exitCode === undefined) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A database with some data in a table the server does not read while starting. */
async function databaseWithData(): Promise<string> {
  const file = tempDbPath();
  const db = await freshDb(file);
  for (let i = 0; i < 300; i++) await db.run('INSERT INTO insatser (name) VALUES (?)', [`Insats ${i} ${'x'.repeat(80)}`]);
  await db.close(); // checkpoints: everything is in the main file
  return file;
}

describe('start-up checks', () => {
  it('refuses to start on a database with a damaged page', async () => {
    const file = await databaseWithData();
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, size - 4096); // the last page: insatser data
    fs.closeSync(fd);
    const server = await start({ FINSAM_DB: file });
    await server.stop();
    expect(server.exitCode).toBe(1);
    expect(server.stderr()).toMatch(
      /^Kan inte starta: Databasen .*test\.db är skadad \(.+\)\. Stoppa, flytta undan filen och återställ den senaste säkerhetskopian/m,
    );
  });

  it('refuses to start on a file that is not a database, with the same advice', async () => {
    const file = await databaseWithData();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from('Det här är ingen databas.'), 0, 25, 0);
    fs.closeSync(fd);
    const server = await start({ FINSAM_DB: file });
    await server.stop();
    expect(server.exitCode).toBe(1);
    expect(server.stderr()).toMatch(/^Kan inte starta: Databasen .* är skadad .*återställ den senaste säkerhetskopian/m);
  });

  it('refuses to start on a database it cannot write', async () => {
    const file = await databaseWithData();
    // Root may write any file, so as root the server runs as "nobody" on a file it may only read.
    const root = process.getuid?.() === 0;
    if (root) {
      fs.chmodSync(path.dirname(file), 0o777);
      fs.chmodSync(file, 0o644);
    } else fs.chmodSync(file, 0o444);
    const server = await start({ FINSAM_DB: file }, root ? { uid: 65534, gid: 65534 } : {});
    await server.stop();
    expect(server.stderr()).toMatch(
      /^Kan inte starta: Databasen .*test\.db går inte att skriva till \(.*readonly.*\)\. Se till att filen och dess katalog ägs av användaren som kör tjänsten/m,
    );
    expect(server.exitCode).toBe(1);
  });

  it('starts on a healthy database, and listens only where FINSAM_HOST says', async () => {
    const file = await databaseWithData();
    const server = await start({ FINSAM_DB: file, FINSAM_HOST: '127.0.0.2' }, { host: '127.0.0.2' });
    try {
      expect(server.exitCode).toBeUndefined();
      expect(await healthy('127.0.0.2', server.port)).toBe(true);
      expect(await healthy('127.0.0.1', server.port)).toBe(false); // not on every interface
    } finally {
      await server.stop();
    }
    expect(server.exitCode).toBe(0);
    // The write check leaves nothing behind.
    const db = await freshDb(file);
    expect(await db.first("SELECT name FROM sqlite_schema WHERE name LIKE '%write_check%'")).toBeUndefined();
    await db.close();
  });
});

describe('GET /healthz', () => {
  it('answers ok while the database can be read', async () => {
    const { app } = await testApp();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('reports an error when the database file is gone from under the server', async () => {
    const { app, db } = await testApp();
    fs.renameSync(db.path, `${db.path}.flyttad`);
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('error');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('reports an error when the database cannot be read', async () => {
    const { app, db } = await testApp();
    await db.close();
    expect((await request(app).get('/healthz')).status).toBe(503);
  });
});
