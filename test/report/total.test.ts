// The förbund total of the merged report: the outcome report and the indicators of all insatser
// together (archived ones included), beside the insats sections, from the same services.
import { describe, expect, it } from 'vitest';
import { mergedReport } from '../../server/report/merged.js';
import { outcomeReport } from '../../server/outcomes/report.js';
import { indicatorsFor, instrumentsInPeriod } from '../../server/indicators/service.js';
import { yearPeriod } from '../../analysis/period.js';
import { seedDemo } from '../../server/ops/demo.js';
import { testConfig } from '../../server/config.js';
import { listInsatser, setInsatsArchived } from '../../server/survey/rounds.js';
import { freshDb, surveys } from '../helpers.js';

describe('Hela förbundet in the merged report', () => {
  it('is every insats together, archived ones too, with outcomes and indicators per questionnaire', async () => {
    const db = await freshDb();
    await seedDemo(db, surveys, '2026-11-23');
    const config = testConfig();
    const [archived] = await listInsatser(db);
    await setInsatsArchived(db, archived!.id, true);

    const report = await mergedReport({ db, config, surveys }, 2025);
    expect(report).toMatchObject({ insats: null, group: null, total: { label: 'Hela förbundet', group: null } });
    const all = await outcomeReport(db, { year: 2025, codebook: config.codebook, minCell: config.minCell });
    expect(report.total!.outcomes).toEqual(all);
    // The total's participants are the sum over the insats sections (each episode in one insats).
    const sum = report.insatser.reduce((a, i) => a + i.participants.participated, 0);
    expect(report.total!.outcomes.flow.participated).toBe(sum);
    expect(report.insatser.map((i) => i.insats)).toContain(archived!.name);

    const instruments = await instrumentsInPeriod(db, yearPeriod(2025), null);
    expect(instruments.length).toBeGreaterThan(0);
    expect(report.total!.surveys.map((s) => s.selection.instrument)).toEqual(instruments);
    for (const s of report.total!.surveys) {
      expect(s.selection.insats).toBeNull();
      const alone = await indicatorsFor(db, surveys, { year: 2025, insats: null, instrument: s.selection.instrument }, config.minCell);
      expect(s).toEqual(alone);
      // Shown (the förbund's figures are kept, docs/disclosure.md), and at least any one insats's.
      expect(s.respondents).not.toBeNull();
      for (const i of report.insatser)
        for (const own of i.surveys.filter((x) => x.selection.instrument === s.selection.instrument))
          expect(s.respondents!).toBeGreaterThanOrEqual(own.respondents ?? 0);
    }

    const one = await mergedReport({ db, config, surveys }, 2025, 'FINSAM-team');
    expect(one.total).toBeNull();
    expect(one.insats).toBe('FINSAM-team');
    await db.close();
  });
});
