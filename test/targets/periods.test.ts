// Targets belong to a period (docs/rules.md "Perioder"): a year, a half-year or a project period.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.js';
import { listMigrations, migrate, MIGRATIONS_DIR } from '../../server/db/migrate.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { listTargets, saveTarget } from '../../server/targets/store.js';
import { mergedReport } from '../../server/report/merged.js';
import { cli, freshDb, surveys, tempDbPath } from '../helpers.js';
import { testConfig } from '../../server/config.js';
import { HEADER } from '../followup/helpers.js';

describe('targets by period', () => {
  it('keeps the targets of earlier versions, a year becoming the period of the same name', async () => {
    const file = tempDbPath();
    const db = await openDatabase(file);
    const before = path.join(path.dirname(file), 'before-016');
    fs.mkdirSync(before);
    for (const m of listMigrations().filter((m) => m.version < 16)) fs.writeFileSync(path.join(before, m.name), m.sql);
    await migrate(db, before);
    await db.run("INSERT INTO insatser (id, name) VALUES (1, 'Novum')");
    await db.run("INSERT INTO targets (insats_id, year, metric, value) VALUES (1, 2024, 'participated', 70)");
    await migrate(db, MIGRATIONS_DIR);
    expect(await listTargets(db, 1, '2024')).toMatchObject([
      { insatsId: 1, period: '2024', year: 2024, metric: 'participated', value: 70 },
    ]);
    await db.close();
  });

  it('stores a project period, a half-year and a year apart, each shown only for its own period', async () => {
    const db = await freshDb();
    const csv = [
      HEADER,
      'Novum;N-1;Kvinna;1990;;;;;2022-09-05;2023-03-01;Arbete',
      'Novum;N-2;Man;1985;;;;;2024-02-01;;',
      'Novum;N-3;Kvinna;1999;;;;;2025-10-01;2025-12-01;Studier',
    ].join('\n');
    expect(await importOutcomes(db, { buffer: Buffer.from(csv), fileName: 'n.csv', codebook: 'standard', actor: 't' })).toMatchObject({
      ok: true,
    });
    const insats = (await db.first<{ id: number }>("SELECT id FROM insatser WHERE name = 'Novum'"))!;
    await saveTarget(db, surveys, { insatsId: insats.id, period: '2022-09-01..2025-12-31', metric: 'started', value: 3 });
    await saveTarget(db, surveys, { insatsId: insats.id, period: '2024-h1', metric: 'started', value: 1 });
    await saveTarget(db, surveys, { insatsId: insats.id, period: 2024, metric: 'started', value: 2 });
    const deps = { db, surveys, config: testConfig() };
    const project = await mergedReport(deps, '2022-09-01..2025-12-31', 'Novum');
    expect(project.insatser[0]!.targets).toMatchObject([{ metric: 'started', target: 3, outcome: 3 }]);
    const half = await mergedReport(deps, '2024-H1', 'Novum');
    expect(half.insatser[0]!.targets).toMatchObject([{ target: 1, outcome: 1 }]);
    const year = await mergedReport(deps, 2024, 'Novum');
    expect(year.insatser[0]!.targets).toMatchObject([{ target: 2, outcome: 1 }]);
    await expect(saveTarget(db, surveys, { insatsId: insats.id, period: 'HT 24', metric: 'started', value: 1 })).rejects.toThrow(
      /Målets period: "HT 24" är ingen period/,
    );
    await db.close();
  });

  it('is set and listed per period from the command line', async () => {
    const env = { FINSAM_DB: tempDbPath() };
    await cli(['insats', 'add', 'FINSAM-team'], env);
    const set = await cli(
      ['target', 'set', '--period', '2022-09-01..2025-12-31', '--insats', 'FINSAM-team', '--metric', 'participated', '--value', '120'],
      env,
    );
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout)).toMatchObject({ period: '2022-09-01..2025-12-31', year: null, value: 120 });
    const list = await cli(['target', 'list', '--period', '2022-09-01..2025-12-31', '--insats', 'FINSAM-team', '--json'], env);
    expect(JSON.parse(list.stdout)).toMatchObject([{ metric: 'participated', target: 120 }]);
    const other = await cli(['target', 'list', '--year', '2025', '--insats', 'FINSAM-team', '--json'], env);
    expect(JSON.parse(other.stdout)).toEqual([]);
  });
});

describe('targets page', () => {
  it('sets a target for the chosen period and links the insats’s other target periods', async () => {
    const { testApp } = await import('../helpers.js');
    const { signIn } = await import('../web/helpers.js');
    const { app, db } = await testApp();
    await db.run("INSERT INTO insatser (name) VALUES ('Novum')");
    const insats = (await db.first<{ id: number }>("SELECT id FROM insatser WHERE name = 'Novum'"))!;
    const { agent, csrf } = await signIn(app, db);
    const form = await agent.get(`/kansli/mal?ar=2024&del=H1&insats=${insats.id}`);
    expect(form.text).toContain(`Sätt ett mål för <a href="/kansli/insatser/${insats.id}">Novum</a>, Januari–juni 2024`);
    expect(form.text).toContain('name="period" value="2024-H1"');
    expect(form.text).not.toContain('<option value="">Alla insatser</option>');
    const saved = await agent
      .post('/kansli/mal')
      .type('form')
      .send({ _csrf: csrf, period: '2024-H1', insats: String(insats.id), metric: 'started', value: '12' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/kansli/mal?period=2024-H1&insats=${insats.id}&sparat=mal`);
    const year = await agent.get(`/kansli/mal?period=2024&insats=${insats.id}`);
    expect(year.text).toMatch(/Mål finns också för: <a href="\/kansli\/mal\?period=2024-H1&amp;insats=\d+">2024-H1<\/a>/);
    const entry = await db.first<{ details: string }>("SELECT details FROM audit_log WHERE action = 'target.save'");
    expect(JSON.parse(entry!.details)).toMatchObject({ period: '2024-H1', metric: 'started' });
  });
});

describe('referrer share by member', () => {
  it('counts every referrer that belongs to the chosen member, and refuses an unknown member', async () => {
    const db = await freshDb();
    const rows = ['Jobbtorg/staden', 'Stadsdelsförvaltning Norr', 'Psykiatrin', 'Egen anmälan', ''].map(
      (ref, i) => `Alfa;A-${i};Kvinna;1990;;;${ref};;2024-0${i + 1}-01;;`,
    );
    expect(
      await importOutcomes(db, { buffer: Buffer.from([HEADER, ...rows].join('\n')), fileName: 'a.csv', codebook: 'standard', actor: 't' }),
    ).toMatchObject({ ok: true });
    const insats = (await db.first<{ id: number }>("SELECT id FROM insatser WHERE name = 'Alfa'"))!;
    const context = { members: ['Kommun', 'Region', 'Försäkringskassan', 'Arbetsförmedlingen', 'Egen anmälan', 'Annan'] };
    await saveTarget(
      db,
      surveys,
      { insatsId: insats.id, period: 2024, metric: 'referrer-share', params: { members: ['kommun'] }, value: 30 },
      context,
    );
    await expect(
      saveTarget(
        db,
        surveys,
        { insatsId: insats.id, period: 2024, metric: 'referrer-share', params: { members: ['Landstinget'] }, value: 30 },
        context,
      ),
    ).rejects.toThrow(/Okänd medlem "Landstinget"/);
    const [t] = (await mergedReport({ db, surveys, config: testConfig() }, 2024, 'Alfa')).insatser[0]!.targets;
    expect(t).toMatchObject({ label: 'Andel nya deltagare från Kommun', outcome: 40, params: { members: ['Kommun'] } });
    await db.close();
  });
});

describe('question roles', () => {
  it('keeps a need question out of share-positive targets, the indicator table and the quality chart', async () => {
    const db = await freshDb();
    await db.run("INSERT INTO insatser (name) VALUES ('Alfa')");
    const insats = (await db.first<{ id: number }>("SELECT id FROM insatser WHERE name = 'Alfa'"))!;
    await expect(
      saveTarget(db, surveys, {
        insatsId: insats.id,
        period: 2024,
        metric: 'positive',
        params: { instrument: 'nns-deltagare-avslut', question: 'behov_kontakt' },
        value: 70,
      }),
    ).rejects.toThrow(/ingen kvalitetsindikator/);
    const { isIndicator } = await import('../../surveys/types.js');
    const q = surveys.get('nns-deltagare-avslut')!;
    expect(q.questions.filter(isIndicator).map((x) => x.id)).not.toContain('behov_kontakt');
    expect(q.questions.filter(isIndicator).map((x) => x.id)).toContain('stod_kontakt');
    await db.close();
  });

  it('refuses an unknown role, and an indicator role on a single-choice question, in the questionnaire file', async () => {
    const { validateQuestionnaire } = await import('../../surveys/loader.js');
    const base = {
      id: 'x',
      version: 1,
      title: 'X',
      intro: 'Om X.',
      respondentGroup: 'insatspersonal',
      genderQuestion: 'kon',
      questions: [
        {
          id: 'kon',
          type: 'single',
          text: 'Kön',
          options: [
            { value: 'kvinna', label: 'Kvinna' },
            { value: 'man', label: 'Man' },
          ],
        },
      ],
    };
    const withQ = (q: object) => ({ ...base, questions: [...base.questions, q] });
    expect(() => validateQuestionnaire('x.json', withQ({ id: 'a', type: 'yesno', text: 'A?', role: 'kvalitet' }), surveys.scales)).toThrow(
      /"role" måste vara en av indicator, need, background, followup/,
    );
    expect(() =>
      validateQuestionnaire(
        'x.json',
        withQ({
          id: 'b',
          type: 'single',
          text: 'B?',
          role: 'indicator',
          options: [
            { value: '1', label: '1' },
            { value: '2', label: '2' },
          ],
        }),
        surveys.scales,
      ),
    ).toThrow(/bara skalfrågor och ja\/nej-frågor kan vara indikatorer/);
  });
});
