import { describe, expect, it } from 'vitest';
import { evaluateTarget } from '../../analysis/attainment.js';

describe('evaluateTarget, percent targets (margins 5 and 15 points)', () => {
  const at = (outcome: number | null, target = 80) => evaluateTarget({ kind: 'percent', target, outcome });

  it('is God at or above the target and up to 5 points short', () => {
    expect(at(86)).toMatchObject({ target: 80, outcome: 86, difference: 6, attainment: 'God' });
    expect(at(80)).toMatchObject({ target: 80, outcome: 80, difference: 0, attainment: 'God' });
    expect(at(75)).toMatchObject({ target: 80, outcome: 75, difference: -5, attainment: 'God' });
  });

  it('is Delvis uppfyllt from just over 5 up to 15 points short', () => {
    expect(at(74).attainment).toBe('Delvis uppfyllt');
    expect(at(74.9).attainment).toBe('Delvis uppfyllt');
    expect(at(65)).toMatchObject({ target: 80, outcome: 65, difference: -15, attainment: 'Delvis uppfyllt' });
  });

  it('is Ej uppfyllt beyond 15 points short', () => {
    expect(at(64)).toMatchObject({ target: 80, outcome: 64, difference: -16, attainment: 'Ej uppfyllt' });
    expect(at(0).attainment).toBe('Ej uppfyllt');
  });

  it('has no verdict without an outcome (e.g. suppressed)', () => {
    expect(at(null)).toMatchObject({ target: 80, outcome: null, difference: null, attainment: null });
  });

  it('handles float outcomes exactly on the boundary', () => {
    // 60.3 − 55.3 is 5.000000000000007 in binary floating point; it is still exactly 5 points short.
    expect(evaluateTarget({ kind: 'percent', target: 60.3, outcome: 55.3 }).attainment).toBe('God');
  });

  it('reverses for atMost targets', () => {
    const atMost = (outcome: number) => evaluateTarget({ kind: 'percent', target: 20, outcome, direction: 'atMost' });
    expect(atMost(10).attainment).toBe('God');
    expect(atMost(25)).toMatchObject({ target: 20, outcome: 25, difference: 5, attainment: 'God' });
    expect(atMost(26).attainment).toBe('Delvis uppfyllt');
    expect(atMost(35).attainment).toBe('Delvis uppfyllt');
    expect(atMost(36).attainment).toBe('Ej uppfyllt');
  });

  it('takes other margins', () => {
    const margins = { goodMarginPoints: 0, partialMarginPoints: 10 };
    expect(evaluateTarget({ kind: 'percent', target: 60, outcome: 59 }, margins).attainment).toBe('Delvis uppfyllt');
    expect(evaluateTarget({ kind: 'percent', target: 60, outcome: 50 }, margins).attainment).toBe('Delvis uppfyllt');
    expect(evaluateTarget({ kind: 'percent', target: 60, outcome: 49 }, margins).attainment).toBe('Ej uppfyllt');
  });
});

describe('evaluateTarget, count targets (margins 5 % and 25 % of the target)', () => {
  const at = (outcome: number, target = 70) => evaluateTarget({ kind: 'count', target, outcome });

  it('70 participants: God down to 66.5, Delvis down to 52.5', () => {
    expect(at(70)).toMatchObject({ target: 70, outcome: 70, difference: 0, attainment: 'God' });
    expect(at(67)).toMatchObject({ target: 70, outcome: 67, difference: -3, attainment: 'God' }); // 3 ≤ 3.5
    expect(at(66)).toMatchObject({ target: 70, outcome: 66, difference: -4, attainment: 'Delvis uppfyllt' });
    expect(at(53).attainment).toBe('Delvis uppfyllt'); // 17 ≤ 17.5
    expect(at(52).attainment).toBe('Ej uppfyllt'); // 18 > 17.5
    expect(at(90).attainment).toBe('God');
  });

  it('100 participants: exactly 5 % and 25 % short are the last God and Delvis', () => {
    expect(at(95, 100).attainment).toBe('God');
    expect(at(94, 100).attainment).toBe('Delvis uppfyllt');
    expect(at(75, 100).attainment).toBe('Delvis uppfyllt');
    expect(at(74, 100).attainment).toBe('Ej uppfyllt');
  });

  it('reverses for atMost counts', () => {
    const atMost = (outcome: number) => evaluateTarget({ kind: 'count', target: 40, outcome, direction: 'atMost' });
    expect(atMost(42)).toMatchObject({ target: 40, outcome: 42, difference: 2, attainment: 'God' }); // 2 ≤ 2
    expect(atMost(43).attainment).toBe('Delvis uppfyllt');
    expect(atMost(50).attainment).toBe('Delvis uppfyllt'); // 10 ≤ 10
    expect(atMost(51).attainment).toBe('Ej uppfyllt');
  });
});

describe('evaluateTarget, bands, changes and shrinking gaps', () => {
  it('is good inside a band and graded by the distance to the nearest end outside it', () => {
    const band = (outcome: number) => evaluateTarget({ kind: 'percent', mode: 'band', target: 40, targetHigh: 60, outcome });
    expect(band(50)).toMatchObject({ difference: 0, grade: 'good', attainment: 'God' });
    expect(band(64)).toMatchObject({ difference: 4, grade: 'good' });
    expect(band(35)).toMatchObject({ difference: -5, grade: 'good' });
    expect(band(70)).toMatchObject({ difference: 10, grade: 'partial' });
    expect(band(76)).toMatchObject({ difference: 16, grade: 'not', attainment: 'Ej uppfyllt' });
  });

  it('turns a change into the target it leads to: points for shares, percent for counts', () => {
    const points = evaluateTarget({ kind: 'percent', mode: 'change', target: 20, changeUnit: 'points', previous: 7, outcome: 26 });
    expect(points).toMatchObject({ target: 27, difference: -1, grade: 'good' });
    expect(points.rule).toMatch(/^Förändring \+20 p\.e\. mot samma period föregående år \(7 %\) ger målet 27 %/);
    const count = evaluateTarget({ kind: 'count', mode: 'change', target: 10, previous: 50, outcome: 50 });
    expect(count).toMatchObject({ target: 55, difference: -5, grade: 'partial' });
    // A decrease is a target of at most.
    expect(evaluateTarget({ kind: 'percent', mode: 'change', target: -5, previous: 30, outcome: 24 })).toMatchObject({
      target: 25,
      grade: 'good',
    });
    expect(evaluateTarget({ kind: 'percent', mode: 'change', target: 5, previous: null, outcome: 24 })).toMatchObject({
      target: null,
      attainment: null,
    });
  });

  it('is good only when a gap is smaller than the year before', () => {
    expect(evaluateTarget({ kind: 'percent', mode: 'shrink', target: 0, previous: -8, outcome: 5 })).toMatchObject({
      target: 8,
      difference: -3,
      grade: 'good',
    });
    expect(evaluateTarget({ kind: 'percent', mode: 'shrink', target: 0, previous: 8, outcome: -8 })).toMatchObject({ grade: 'not' });
  });

  it('uses the förbund’s names and limits, and can leave out grading', () => {
    const names = ['Uppfyllt', 'Godtagbart', 'Ej uppfyllt'] as const;
    expect(evaluateTarget({ kind: 'percent', target: 80, outcome: 70 }, { names }).attainment).toBe('Godtagbart');
    const none = evaluateTarget({ kind: 'percent', target: 80, outcome: 70 }, { enabled: false });
    expect(none).toMatchObject({ attainment: null, grade: null, difference: -10, rule: 'Ingen bedömning (förbundets val).' });
  });
});

describe('gender gap as a metric', () => {
  it('is the women’s share minus the men’s on work or studies or on chosen reasons, hidden below k', async () => {
    const { computeOutcomeReport } = await import('../../analysis/outcomes.js');
    const { metricOutcome } = await import('../../analysis/targets.js');
    const { yearPeriod } = await import('../../analysis/period.js');
    const counts = {
      flow: [
        { gender: 'kvinna' as const, carriedOver: 0, started: 10, ended: 10 },
        { gender: 'man' as const, carriedOver: 0, started: 10, ended: 10 },
      ],
      endReasons: [
        { reason: 'Arbete', gender: 'kvinna' as const, count: 5 },
        { reason: 'Övrigt', gender: 'kvinna' as const, count: 5 },
        { reason: 'Arbete', gender: 'man' as const, count: 2 },
        { reason: 'Studier', gender: 'man' as const, count: 1 },
        { reason: 'Övrigt', gender: 'man' as const, count: 7 },
      ],
      referrers: [],
      education: [],
      timeWithoutWork: [],
      residence: [],
      agesAtStart: [],
      daysInInsats: [],
    };
    const codebook = { id: 't', reasons: ['Arbete', 'Studier', 'Övrigt'], workOrStudies: ['Arbete', 'Studier'] };
    const outcomes = computeOutcomeReport({ period: yearPeriod(2024), insats: 'X', codebook, minCell: 5, counts: counts as never });
    // Work or studies: women 5/10 = 50 %, men 3/10 = 30 % → +20 points.
    expect(metricOutcome('gender-gap', { of: 'work-or-studies' }, { outcomes, surveys: {} })).toBe(20);
    // Arbete alone: 50 % − 20 % = 30 points.
    expect(metricOutcome('gender-gap', { of: 'reasons', reasons: ['Arbete'] }, { outcomes, surveys: {} })).toBe(30);
    const small = computeOutcomeReport({ period: yearPeriod(2024), insats: 'X', codebook, minCell: 11, counts: counts as never });
    expect(metricOutcome('gender-gap', { of: 'work-or-studies' }, { outcomes: small, surveys: {} })).toBeNull();
  });
});
