import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { cli, freshDb, issueNonce, makeRound, tempDbPath, testApp } from '../helpers.js';
import { openDatabase } from '../../server/db/database.js';
import { backupDatabase } from '../../server/ops/backup.js';
import { purgeOlderThan, purgeCutoff } from '../../server/ops/purge.js';
import { createSubmissionWriter } from '../../server/survey/submissions.js';

describe('backup', () => {
  it('writes a consistent, checked copy while the database is in use, and refuses to overwrite', async () => {
    const file = tempDbPath();
    const db = await freshDb(file);
    const round = await makeRound(db);
    const writer = createSubmissionWriter(db);
    const target = path.join(path.dirname(file), 'kopia.db');
    // Submissions keep arriving while the backup runs (the CLI opens its own connection).
    const writes = Array.from({ length: 50 }, (_, i) =>
      writer.submit({
        roundId: round.id,
        instrumentVersion: 1,
        date: '2024-05-01',
        nonce: `backup-nonce-${String(i).padStart(10, '0')}`,
        gender: 'man',
        answers: [{ questionId: 'tid', value: '4' }],
        texts: [],
      }),
    );
    const res = await cli(['backup', target], { FINSAM_DB: file });
    await Promise.all(writes);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/kontrollerad/);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    const copy = await openDatabase(target);
    const n = (await copy.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n;
    const a = (await copy.first<{ n: number }>('SELECT COUNT(*) AS n FROM answers'))!.n;
    expect(n).toBe(a); // every response in the copy has its answer: no half-written response
    expect((await copy.first<{ n: number }>('SELECT COUNT(*) AS n FROM rounds'))!.n).toBe(1);
    await copy.close();
    const again = await cli(['backup', target], { FINSAM_DB: file });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/finns redan/);
    await db.close();
  });
});

describe('backup failures', () => {
  it('writes the partial copy readable by the owner only from the start, and removes it when the backup fails', async () => {
    const file = tempDbPath();
    const db = await freshDb(file);
    await makeRound(db);
    const dir = fs.mkdtempSync(path.join(path.dirname(file), 'kopior-'));
    const target = path.join(dir, 'kopia.db');
    const seen: { name: string; mode: number }[] = [];
    const failing = backupDatabase(db, target, {
      afterCopy(partial) {
        // Every file of the copy in progress, as another local user would find it.
        for (const name of fs.readdirSync(dir)) seen.push({ name, mode: fs.statSync(path.join(dir, name)).mode & 0o777 });
        expect(fs.statSync(partial).size).toBeGreaterThan(0);
        throw new Error('disken tog slut (injicerat fel)');
      },
    });
    await expect(failing).rejects.toThrow(/injicerat fel/);
    expect(seen.map((f) => f.name)).toContain('kopia.db.delvis');
    expect(
      seen.every((f) => f.mode === 0o600),
      JSON.stringify(seen),
    ).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]); // nothing left behind
    // The next run works, and a partial file left by a killed run does not stop it.
    fs.writeFileSync(`${target}.delvis`, 'rester', { mode: 0o600 });
    const ok = await backupDatabase(db, target);
    expect(ok.file).toBe(target);
    expect(fs.readdirSync(dir)).toEqual(['kopia.db']);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    await db.close();
  });

  it('says so in Swedish, leaving nothing, when the target directory is not a directory', async () => {
    const file = tempDbPath();
    const db = await freshDb(file);
    // A directory path that is a file: no copy can be written there, whoever runs the test (root included).
    const notADir = path.join(path.dirname(file), 'inte-en-katalog');
    fs.writeFileSync(notADir, '');
    const res = await cli(['backup', path.join(notADir, 'kopia.db')], { FINSAM_DB: file });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^Fel: Katalogen .*inte-en-katalog finns inte/);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('kopia'))).toEqual([]);
    await db.close();
  });
});

describe('purge', () => {
  it('removes responses and ended episodes older than the cut-off, keeps the rest', async () => {
    const db = await freshDb();
    const round = await makeRound(db);
    const writer = createSubmissionWriter(db);
    const submit = (date: string, i: number) =>
      writer.submit({
        roundId: round.id,
        instrumentVersion: 1,
        date,
        nonce: `purge-nonce-${String(i).padStart(10, '0')}`,
        gender: 'kvinna',
        answers: [{ questionId: 'tid', value: '5' }],
        texts: [{ questionId: 'skillnad', body: 'text' }],
      });
    await submit('2019-12-31', 1);
    await submit('2020-01-01', 2);
    await submit('2024-06-01', 3);
    expect(purgeCutoff(5, '2025-01-01')).toBe('2020-01-01');
    const r = await purgeOlderThan(db, 5, '2025-01-01');
    expect(r).toMatchObject({ cutoff: '2020-01-01', responses: 1, nonces: 1 });
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n).toBe(2);
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM answers'))!.n).toBe(2);
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM text_answers'))!.n).toBe(2);
  });

  it('asks for --yes and a number of years', async () => {
    const env = { FINSAM_DB: tempDbPath() };
    expect((await cli(['purge', '--older-than', '5'], env)).stderr).toMatch(/--yes/);
    expect((await cli(['purge', '--yes'], env)).stderr).toMatch(/FINSAM_RETENTION_YEARS/);
    expect((await cli(['purge', '--older-than', '5', '--yes'], env)).code).toBe(0);
  });
});

describe('health and headers', () => {
  it('GET /healthz answers ok', async () => {
    const { app } = await testApp();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('sets security headers on every page, HSTS only behind TLS', async () => {
    const { app } = await testApp({ trustProxy: true });
    const plain = await request(app).get('/tillganglighet');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await request(app).get('/tillganglighet').set('X-Forwarded-Proto', 'https');
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('limits survey posts per round', async () => {
    const { app, db } = await testApp({ submitLimitPerMinute: 3 });
    const round = await makeRound(db);
    const codes = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (
          await request(app)
            .post(`/e/${round.token}`)
            .type('form')
            .send({ nonce: await issueNonce(db, round.id), tid: '4' })
        ).status,
      );
    expect(codes).toEqual([303, 303, 303, 429, 429]);
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n).toBe(3);
  });
});
