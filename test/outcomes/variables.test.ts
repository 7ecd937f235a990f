// Counting one register variable for a period (server/outcomes/variables.ts) against a small
// register whose numbers are worked out by hand in the comments (test/fixtures/insatsuppfoljning-kommun.csv).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { listVariables, referrersByMember, residence, variableReport } from '../../server/outcomes/variables.js';
import { DEFAULT_REFERRER_CODEBOOK } from '../../analysis/referrers.js';
import { UserError } from '../../server/errors.js';
import { memoryDb } from '../followup/helpers.js';

const FIXTURE = new URL('../fixtures/insatsuppfoljning-kommun.csv', import.meta.url);
const Y2024 = { from: '2024-01-01', to: '2024-12-31' };

let db: Db;
beforeAll(async () => {
  db = await memoryDb();
  const r = await importOutcomes(db, { buffer: fs.readFileSync(FIXTURE), fileName: 'kommun.csv', codebook: 'standard' });
  expect(r).toMatchObject({ ok: true, inserted: 12, variables: ['Boendeform'], ignoredColumns: ['Kommentar'] });
});
afterAll(() => db.close());

describe('variableReport', () => {
  it("tabulates a stored variable among the period's starters, by gender", async () => {
    const t = await variableReport(db, { name: 'boendeform', period: '2024', minCell: 5 });
    expect(t).toMatchObject({ name: 'Boendeform', kind: 'variable', population: 'started', insatser: null, showOther: true });
    expect(t.total).toEqual({ count: 11, women: 6, men: 4, other: 1 }); // B02 started in 2023
    // 7, 2, 2 of 11 → 63.6, 18.2, 18.2 → 64, 18, 18. Women 4, 1, 1 of 6 → 66.7, 16.7, 16.7 → 67, 17, 16.
    // Men (4) and annat (1) are below k: their shares are hidden, their counts are not.
    expect(t.rows.map((r) => [r.value, r.count, r.percent, r.byGender, r.percentWithinGender])).toEqual([
      ['Hyresrätt', 7, 64, { women: 4, men: 2, other: 1 }, { women: 67, men: null, other: null }],
      ['Bostadsrätt', 2, 18, { women: 1, men: 1, other: 0 }, { women: 17, men: null, other: null }],
      ['Uppgift saknas', 2, 18, { women: 1, men: 1, other: 0 }, { women: 16, men: null, other: null }],
    ]);
  });

  it('counts the built-in residence (read from the Kommun column) among those who ended, for a list of insatser', async () => {
    const ended = await variableReport(db, { name: 'kommun', period: '2024', population: 'ended', minCell: 3 });
    expect(ended).toMatchObject({ name: 'boende', kind: 'column', total: { count: 5, women: 3, men: 2, other: 0 } });
    expect(ended.rows.map((r) => [r.value, r.count])).toEqual([
      ['Huddinge', 2],
      ['Salem', 2],
      ['Botkyrka', 1],
    ]);
    const beta = await variableReport(db, { name: 'Boende', period: '2024', insatser: ['beta'], minCell: 3 });
    expect(beta).toMatchObject({ insatser: ['Beta'], total: { count: 2 } });
    expect(beta.rows.map((r) => [r.value, r.count])).toEqual([
      ['Huddinge', 1],
      ['Salem', 1],
    ]);
    const none = await variableReport(db, { name: 'boende', period: '2024-H2', insatser: ['Alfa'], minCell: 3 });
    expect(none.total.count).toBe(0);
  });

  it('rolls the referrers up to the members', async () => {
    const t = await variableReport(db, { name: 'anmälande-part-medlem', period: '2024', minCell: 5 });
    // 2, 2, 2, 2, 1, 1, 1 of 11: 18.18 ×4 and 9.09 ×3 → the one point left goes to Kommun (listed first).
    expect(t.rows.map((r) => [r.value, r.count, r.percent])).toEqual([
      ['Kommun', 2, 19],
      ['Region', 2, 18],
      ['Försäkringskassan', 2, 18],
      ['Arbetsförmedlingen', 2, 18],
      ['Egen anmälan', 1, 9],
      ['Annan', 1, 9],
      ['Uppgift saknas', 1, 9],
    ]);
    expect(t.codebook).toBe('standard');
    const direct = await referrersByMember(db, Y2024, null, { minCell: 5, codebook: DEFAULT_REFERRER_CODEBOOK });
    expect(direct.rows.map((r) => r.count)).toEqual(t.rows.map((r) => r.count));
    expect((await residence(db, Y2024, null, { minCell: 5 })).rows.map((r) => r.value)).toEqual(['Huddinge', 'Botkyrka', 'Salem']);
  });

  it('says in Swedish what is wrong with an unknown name, insats or period', async () => {
    await expect(variableReport(db, { name: 'Skostorlek', period: '2024', minCell: 5 })).rejects.toThrow(
      /Variabeln "Skostorlek" finns inte.*Boendeform/,
    );
    await expect(variableReport(db, { name: 'Boendeform', period: '2024', insatser: ['Gamma'], minCell: 5 })).rejects.toBeInstanceOf(
      UserError,
    );
    await expect(variableReport(db, { name: 'Boendeform', period: '2024-H3', minCell: 5 })).rejects.toThrow(/Halvår 3 finns inte/);
  });
});

describe('listVariables', () => {
  it('lists the built-in names and the stored extra columns with the number of episodes that have a value', async () => {
    expect((await listVariables(db)).map((v) => [v.name, v.kind, v.episodes])).toEqual([
      ['utbildning', 'column', 0],
      ['tid-utan-arbete', 'column', 0],
      ['anmälande-part', 'column', 11],
      ['anmälande-part-medlem', 'members', 11],
      ['boende', 'column', 12],
      ['Boendeform', 'variable', 10],
    ]);
  });
});
