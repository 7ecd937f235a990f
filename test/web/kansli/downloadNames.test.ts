// Every download is named for what it holds: two downloads with the same file name have the same
// content, across periods, insatser, questionnaires and rounds (issue: "every download name is unique
// per period, insats and questionnaire"). The links are collected from the pages a user would open.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { surveys, testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { seedDemo } from '../../../server/ops/demo.js';

const DOWNLOAD = /\/(export\/|rapport\/paket\.)|ned=1|\/omgangar\/\d+\/(svar\.csv|qr\.|enkat\.pdf)/;
const fileName = (disposition: string | undefined) => /filename="([^"]+)"/.exec(disposition ?? '')?.[1];

describe('download names', () => {
  it('never give two different files the same name', { timeout: 120_000 }, async () => {
    const { app, db } = await testApp();
    await seedDemo(db, surveys, '2026-11-23');
    const { agent } = await signIn(app, db);
    const pages: string[] = ['/kansli/omgangar/1', '/kansli/omgangar/2'];
    for (const period of ['2025', '2025-H1'])
      for (const insats of ['', '&insats=1', '&insats=2']) {
        for (const enkat of ['nns-deltagare-avslut', 'nns-personal'])
          pages.push(`/kansli/resultat?period=${period}${insats}&enkat=${enkat}`);
        pages.push(`/kansli/utfall?period=${period}${insats}`, `/kansli/rapport?period=${period}${insats}`);
      }
    const links = new Set<string>();
    for (const page of pages) {
      const res = await agent.get(page);
      expect(res.status, page).toBe(200);
      for (const m of res.text.matchAll(/href="([^"]+)"/g)) {
        const href = m[1]!.replace(/&amp;/g, '&');
        // Each chart is offered as PNG and SVG under one name; the SVG stands for both. Charts are drawn
        // for the whole year only (drawing is the slow part); the tables for every period.
        const chart = /diagram\//.test(href);
        // The report's DOCX, XLSX and ZIP share one name before the extension; the XLSX (no charts) stands for all three.
        const heavyPackage = /paket\.(docx|zip)/.test(href);
        if (DOWNLOAD.test(href) && !heavyPackage && !(chart && (/\.png/.test(href) || /period=2025-H1/.test(page)))) links.add(href);
      }
    }
    expect(links.size).toBeGreaterThan(100);
    const byName = new Map<string, { url: string; hash: string }>();
    const clashes: string[] = [];
    for (const url of links) {
      const res = await agent
        .get(url)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status, url).toBe(200);
      const name = fileName(res.headers['content-disposition']);
      expect(name, url).toBeDefined();
      // A package is zipped with its own time stamps: its identity is the query, not its bytes.
      const hash = /paket\./.test(url)
        ? new URL(url, 'http://x').searchParams.toString().replace(/&?enkat=[^&]*/, '')
        : crypto
            .createHash('sha256')
            .update(res.body as Buffer)
            .digest('hex');
      const seen = byName.get(name!);
      if (seen && seen.hash !== hash) clashes.push(`${name}: ${seen.url} and ${url}`);
      else byName.set(name!, { url, hash });
      // Every name carries the period (or the round), so files from two years never overwrite each other.
      expect(name, url).toMatch(/2025|omgang|enkat-\d|svar-\d|qr-\d/);
    }
    expect(clashes, clashes.join('\n')).toEqual([]);
  });
});
