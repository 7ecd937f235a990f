// Production defaults: compiled templates kept, compressed responses, versioned static files with
// long-lived caching. These hold without NODE_ENV being set (docs/operations.md).
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { loadConfig } from '../../server/config.js';
import { makeRound, testApp } from '../helpers.js';

describe('production defaults', () => {
  it('are on unless NODE_ENV=development', () => {
    expect(loadConfig({}).production).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).production).toBe(false);
  });

  it('keep compiled templates in production and not in development', async () => {
    const prod = await testApp();
    expect(prod.app.get('view cache')).toBe(true);
    expect(prod.app.get('env')).toBe('production');
    const dev = await testApp({ production: false });
    expect(dev.app.get('view cache')).toBe(false);
  });

  it('compresses the survey page and its size drops', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db);
    const plain = await request(app).get(`/e/${round.token}`).set('Accept-Encoding', 'identity');
    const gz = await request(app).get(`/e/${round.token}`).set('Accept-Encoding', 'gzip');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toMatch(/no-store/);
    // supertest decodes the body: the same page arrives, but fewer bytes crossed the wire.
    const wire = Number(gz.headers['content-length'] ?? NaN);
    const wireBytes = Number.isFinite(wire) ? wire : (gz as unknown as { res: { socket: { bytesRead: number } } }).res.socket.bytesRead;
    expect(wireBytes).toBeLessThan(Buffer.byteLength(plain.text) / 2);
  });

  it('links static files by content-versioned names that may be cached for a year', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db);
    const page = await request(app).get(`/e/${round.token}`);
    const css = /href="(\/static\/style\.[0-9a-f]{10}\.css)"/.exec(page.text)?.[1];
    expect(css).toBeDefined();
    const res = await request(app).get(css!).set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.headers['content-encoding']).toBe('gzip');
    // The plain name still works but is revalidated, and a stale version is not served as current.
    const plain = await request(app).get('/static/style.css');
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toMatch(/max-age=0/);
    expect((await request(app).get('/static/style.0000000000.css')).status).toBe(404);
  });
});
