// A group of insatser counts its members' participants together: exactly the sum of the members,
// each episode once, and nothing from insatser outside the group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { undoImport } from '../../server/followup/batches.js';
import { findInsatsByName } from '../../server/outcomes/queries.js';
import { outcomeReport, type OutcomeReport } from '../../server/outcomes/report.js';
import { createGroup, findGroup } from '../../server/survey/insatsGroups.js';
import { HEADER, csv, memoryDb } from '../followup/helpers.js';

// Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak
const FILE = csv(
  HEADER,
  'IPS psykos;P1;Kvinna;1990;Gymnasium;1–2 år;Försäkringskassan;;2023-05-01;2024-03-01;Arbete',
  'IPS psykos;P2;Man;2000;;;Arbetsförmedlingen;;2024-02-11;;',
  'IPS psykos;P3;Kvinna;1985;Gymnasium;;Egen anmälan;;2024-01-05;2024-10-31;Studier',
  'IPS psykos;P4;;1970;;;;;2024-04-01;2024-09-30;Övrigt',
  // The same person in both IPS insatser: two episodes, one per insats, each counted in its own insats.
  'IPS beroende;P4;;1970;;;;;2024-10-01;;',
  'IPS beroende;B1;Man;1995;Grundskola;2–5 år;Försäkringskassan;;2024-03-03;2024-11-30;Arbete',
  'IPS beroende;B2;Kvinna;1992;;;Försäkringskassan;;2023-12-01;2024-06-30;Sjukersättning',
  'IPS beroende;B3;Man;1988;Gymnasium;;Arbetsförmedlingen;;2024-08-08;;',
  'FINSAM-team;F1;Kvinna;1980;Gymnasium;;Försäkringskassan;;2024-01-01;2024-05-05;Arbete',
  'FINSAM-team;F2;Man;1981;Gymnasium;;Försäkringskassan;;2024-02-01;;',
);

/** Every count in a report (the percentages are recomputed from these). */
function counts(r: OutcomeReport) {
  return {
    flow: r.flow,
    endReasons: Object.fromEntries(r.endReasons.map((e) => [e.reason, [e.women, e.men, e.other, e.total]])),
    endedTotal: r.endedTotal,
    workOrStudies: [r.workOrStudies.total, r.workOrStudies.women, r.workOrStudies.men].map((s) => [s.count, s.of]),
    referrers: Object.fromEntries(r.referrers.map((x) => [x.referrer, x.count])),
    education: Object.fromEntries(r.background.education.map((x) => [x.value, x.count])),
    ageGroup: Object.fromEntries(r.background.ageGroup.map((x) => [x.value, x.count])),
  };
}

/** The sum of two count summaries, key by key. */
function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' || typeof b === 'number') return Number(a ?? 0) + Number(b ?? 0);
  if (Array.isArray(a) || Array.isArray(b)) return ((a ?? b) as unknown[]).map((_, i) => add((a as unknown[])?.[i], (b as unknown[])?.[i]));
  const keys = new Set([...Object.keys((a ?? {}) as object), ...Object.keys((b ?? {}) as object)]);
  return Object.fromEntries([...keys].map((k) => [k, add((a as Record<string, unknown>)?.[k], (b as Record<string, unknown>)?.[k])]));
}

describe('outcomes for a group of insatser', () => {
  let db: Db;
  const base = { year: 2024, codebook: 'standard', minCell: 3 } as const;
  beforeAll(async () => {
    db = await memoryDb();
    expect(await importOutcomes(db, { buffer: FILE, fileName: 'ips.csv', codebook: 'standard' })).toMatchObject({ ok: true, inserted: 10 });
    const ids = [(await findInsatsByName(db, 'IPS psykos'))!.id, (await findInsatsByName(db, 'IPS beroende'))!.id];
    await createGroup(db, 'IPS-insatserna', ids);
  });
  afterAll(() => db.close());

  it('equals the sum of its two insatser, and is named as a group', async () => {
    const psykos = await outcomeReport(db, { ...base, insats: 'IPS psykos' });
    const beroende = await outcomeReport(db, { ...base, insats: 'IPS beroende' });
    const group = await outcomeReport(db, { ...base, group: 'ips-insatserna' });
    expect(group.insats).toBeNull();
    expect(group.group).toBe('IPS-insatserna');
    expect(psykos.group).toBeNull();
    expect(counts(group)).toEqual(add(counts(psykos), counts(beroende)));
    // By hand: P1–P4 and P4, B1–B3 participated in 2024; F1, F2 are outside the group.
    expect(group.flow.participated).toBe(8);
    expect(group.flow.ended).toBe(5);
    expect(group.workOrStudies.total).toEqual({ count: 3, of: 5, percent: 60 }); // P1, P3, B1
  });

  it('counts less than all insatser by exactly the insats outside the group', async () => {
    const all = await outcomeReport(db, base);
    const team = await outcomeReport(db, { ...base, insats: 'FINSAM-team' });
    const group = await outcomeReport(db, { ...base, group: 'IPS-insatserna' });
    expect(counts(all)).toEqual(add(counts(group), counts(team)));
  });

  it('refuses an unknown group, and an insats and a group together', async () => {
    await expect(outcomeReport(db, { ...base, group: 'Okänd' })).rejects.toThrow(/Gruppen "Okänd" finns inte/);
    await expect(outcomeReport(db, { ...base, insats: 'IPS psykos', group: 'IPS-insatserna' })).rejects.toThrow(
      /antingen en insats eller en grupp/,
    );
  });

  it('keeps an insats that is in a group when the import that created it is undone', async () => {
    const other = await memoryDb();
    const r = await importOutcomes(other, { buffer: FILE, fileName: 'ips.csv', codebook: 'standard' });
    if (!r.ok) throw new Error('import failed');
    const psykos = (await findInsatsByName(other, 'IPS psykos'))!;
    const g = await createGroup(other, 'IPS-insatserna', [psykos.id]);
    const undone = await undoImport(other, r.batchId);
    if (!undone.ok) throw new Error(undone.message);
    expect(undone.insatserRemoved).not.toContain('IPS psykos');
    expect(undone.insatserRemoved).toContain('FINSAM-team');
    expect((await findGroup(other, g.id))!.members.map((m) => m.name)).toEqual(['IPS psykos']);
    await other.close();
  });
});
