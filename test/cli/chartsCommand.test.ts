import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freshDb, makeRound, surveys, tempDbPath } from '../helpers.js';
import { signIn } from '../web/helpers.js';
import { openDatabase } from '../../server/db/database.js';
import { createApp } from '../../server/app.js';
import { testConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { createSubmissionWriter } from '../../server/survey/submissions.js';
import { importOutcomes } from '../../server/followup/importer.js';
import type { Db } from '../../server/db/database.js';
import type { Gender } from '../../surveys/types.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let seq = 0;

async function answer(db: Db, roundId: number, gender: Gender, answers: Record<string, string>) {
  await createSubmissionWriter(db).submit({
    roundId,
    instrumentVersion: 1,
    date: '2024-06-01',
    nonce: `charts-test-nonce-${String(seq++).padStart(8, '0')}`,
    gender,
    answers: Object.entries({ ...(gender !== 'annat' ? { kon: gender } : {}), ...answers }).map(([questionId, value]) => ({
      questionId,
      value,
    })),
    texts: [],
  });
}

async function seed(file: string) {
  const db = await freshDb(file);
  const csv = [
    'Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak',
    ...Array.from(
      { length: 8 },
      (_, i) =>
        `FINSAM-team;A${i};${i % 2 ? 'Man' : 'Kvinna'};1990;;;;;2024-01-10;2024-0${(i % 5) + 3}-01;${['Arbete', 'Studier', 'Övrigt'][i % 3]}`,
    ),
    ...Array.from({ length: 4 }, (_, i) => `FINSAM-team;B${i};Kvinna;1985;;;;;2023-09-01;;`),
    ...Array.from({ length: 6 }, (_, i) => `Aktivitetsplatsen Söder;C${i};${i < 4 ? 'Kvinna' : 'Man'};1980;;;;;2024-02-01;;`),
  ].join('\n');
  const imported = await importOutcomes(db, { buffer: Buffer.from(csv), fileName: 'f.csv', codebook: 'standard' });
  expect(imported.ok).toBe(true);
  const prev = await makeRound(db, { period: '2023', invited: 15 });
  const now = await makeRound(db, { period: 'Vår 2024', invited: 12 });
  const staff = await makeRound(db, { period: 'Höst 2024', instrumentId: 'nns-personal', invited: 9 });
  for (let i = 0; i < 12; i++) await answer(db, prev.id, i < 6 ? 'kvinna' : 'man', { nytta: i < 4 ? '5' : '2', redo: '3' });
  for (let i = 0; i < 11; i++)
    await answer(db, now.id, i < 6 ? 'kvinna' : i < 10 ? 'man' : 'annat', {
      nytta: i < 9 ? '6' : '2',
      tid: String((i % 6) + 1),
      redo: i < 5 ? '4' : '2',
      behov_kontakt: i < 7 ? 'ja' : 'nej',
      ...(i < 7 ? { stod_kontakt: '5' } : {}),
    });
  for (let i = 0; i < 3; i++) await answer(db, staff.id, 'annat', { lyssnar: '4' }); // fewer than k
  await db.close();
}

describe('one chart catalogue', () => {
  it('gives the results and outcome pages the same charts, under the same names, as finsam charts', async () => {
    const file = tempDbPath();
    await seed(file);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-charts-'));
    expect((await cli(['charts', '--year', '2024', '--insats', 'FINSAM-team', '--out', out], { FINSAM_DB: file })).code).toBe(0);
    const files = fs.readdirSync(out);
    const db = await openDatabase(file);
    const config = testConfig({ dbPath: file });
    const app = createApp({ db, config, surveys, logger: silentLogger });
    const { agent } = await signIn(app, db, 'analytiker');
    const insats = (await db.first<{ id: number }>("SELECT id FROM insatser WHERE name = 'FINSAM-team'"))!.id;
    const names = async (url: string, base: string) =>
      [...(await agent.get(url)).text.matchAll(new RegExp(`${base}/([a-z0-9-]+)\\.png`, 'g'))].map((m) => m[1]!);
    const indicatorNames = new Set(
      await names(`/kansli/resultat?ar=2024&insats=${insats}&enkat=nns-deltagare-avslut`, '/kansli/resultat/diagram'),
    );
    const cliIndicator = files
      .filter((f) => f.startsWith('2024-finsam-team-nns-deltagare-avslut-'))
      .map((f) => f.slice('2024-finsam-team-nns-deltagare-avslut-'.length, -4));
    expect(indicatorNames).toEqual(new Set(cliIndicator));
    const outcomeNames = new Set(await names(`/kansli/utfall?ar=2024&insats=${insats}`, '/kansli/utfall/diagram'));
    const cliOutcome = files.filter((f) => !f.includes('-nns-')).map((f) => f.slice('2024-finsam-team-'.length, -4));
    expect(outcomeNames).toEqual(new Set(cliOutcome));
    expect(outcomeNames.size).toBeGreaterThan(1);
    await db.close();
  });
});

describe('finsam charts', () => {
  it('writes every chart of the year as PNG with readable names', async () => {
    const file = tempDbPath();
    await seed(file);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-charts-')), 'diagram', '2024');
    const r = await cli(['charts', '--year', '2024', '--out', out], { FINSAM_DB: file });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const written = fs.readdirSync(out).sort();
    const expected = [
      '2024-alla-insatser-nya-deltagare-per-insats.png',
      '2024-aktivitetsplatsen-soder-deltagare.png',
      '2024-aktivitetsplatsen-soder-alder-vid-start.png',
      '2024-aktivitetsplatsen-soder-serie-deltagare.png',
      '2024-finsam-team-deltagare.png',
      '2024-finsam-team-avslutsorsaker-per-kon.png',
      '2024-finsam-team-alder-vid-start.png',
      '2024-finsam-team-tid-i-insatsen.png',
      '2024-finsam-team-jamfort-med-foregaende-ar.png',
      '2024-finsam-team-serie-deltagare.png',
      '2024-finsam-team-serie-arbete-studier.png',
      '2024-finsam-team-nns-deltagare-avslut-svarsfrekvens.png',
      '2024-finsam-team-nns-deltagare-avslut-andel-positiva.png',
      '2024-finsam-team-nns-deltagare-avslut-svarsfordelning-frekvens.png',
      '2024-finsam-team-nns-deltagare-avslut-svarsfordelning-omfattning.png',
      '2024-finsam-team-nns-deltagare-avslut-svarsfordelning-ja-nej.png',
      '2024-finsam-team-nns-deltagare-avslut-andel-positiva-per-kon.png',
      '2024-finsam-team-nns-deltagare-avslut-jamfort-med-forra-aret.png',
      // the series over five years, as on the results page (docs/rules.md "Perioder")
      '2024-finsam-team-nns-deltagare-avslut-andel-positiva-serie.png',
      // the staff survey has 3 answers (< k): only its response rate
      '2024-finsam-team-nns-personal-svarsfrekvens.png',
    ];
    expect(written).toEqual([...expected].sort());
    for (const name of written) {
      const png = fs.readFileSync(path.join(out, name));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), name).toBe(true);
      expect(png.readUInt32BE(16)).toBe(1800); // 900 CSS px × devicePixelRatio 2
      expect(r.stdout).toContain(name);
    }
    expect(r.stdout).toContain(`20 diagramfiler sparade i ${out}`);
    if (process.env.FINSAM_CHART_PREVIEW)
      for (const n of written) fs.copyFileSync(path.join(out, n), path.join(process.env.FINSAM_CHART_PREVIEW, n));
  });

  it('limits to one insats, and explains mistakes in Swedish', async () => {
    const file = tempDbPath();
    await seed(file);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-charts-'));
    const one = await cli(['charts', '--year', '2024', '--insats', 'aktivitetsplatsen söder', '--out', out], { FINSAM_DB: file });
    expect(one.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      '2024-aktivitetsplatsen-soder-alder-vid-start.png',
      '2024-aktivitetsplatsen-soder-deltagare.png',
      '2024-aktivitetsplatsen-soder-nya-deltagare-per-kon.png',
      '2024-aktivitetsplatsen-soder-serie-deltagare.png',
    ]);

    const unknown = await cli(['charts', '--year', '2024', '--insats', 'Finns inte', '--out', out], { FINSAM_DB: file });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Insatsen "Finns inte" finns inte/);

    const vector = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-charts-'));
    const both = await cli(['charts', '--year', '2024', '--insats', 'aktivitetsplatsen söder', '--out', vector, '--format', 'both'], {
      FINSAM_DB: file,
    });
    expect(both.code).toBe(0);
    expect(fs.readdirSync(vector).sort()).toEqual([
      '2024-aktivitetsplatsen-soder-alder-vid-start.png',
      '2024-aktivitetsplatsen-soder-alder-vid-start.svg',
      '2024-aktivitetsplatsen-soder-deltagare.png',
      '2024-aktivitetsplatsen-soder-deltagare.svg',
      '2024-aktivitetsplatsen-soder-nya-deltagare-per-kon.png',
      '2024-aktivitetsplatsen-soder-nya-deltagare-per-kon.svg',
      '2024-aktivitetsplatsen-soder-serie-deltagare.png',
      '2024-aktivitetsplatsen-soder-serie-deltagare.svg',
    ]);
    expect(fs.readFileSync(path.join(vector, '2024-aktivitetsplatsen-soder-deltagare.svg'), 'utf8')).toMatch(/^<\?xml[^>]*>\s*<svg/);
    const badFormat = await cli(['charts', '--year', '2024', '--out', vector, '--format', 'pdf'], { FINSAM_DB: file });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/Okänt format "pdf": välj png, svg eller both/);

    const noOut = await cli(['charts', '--year', '2024'], { FINSAM_DB: file });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out saknas/);

    const empty = await cli(['charts', '--year', '2019', '--out', out], { FINSAM_DB: file });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/Inga diagram för 2019/);
  });
});
