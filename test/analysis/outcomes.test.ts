// The pure arithmetic of analysis/outcomes.ts and the personal-identity-number guard.
import { yearPeriod } from '../../analysis/period.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageGroup, computeOutcomeReport, type OutcomeCounts } from '../../analysis/outcomes.js';
import { STANDARD_CODEBOOK } from '../../server/followup/codebooks.js';
import { containsIdentityNumber, luhnValid, maskIdentityNumbers } from '../../server/followup/rowRules.js';
import { luhnDigit } from '../followup/helpers.js';

const EMPTY: OutcomeCounts = {
  flow: [],
  endReasons: [],
  referrers: [],
  education: [],
  timeWithoutWork: [],
  residence: [],
  agesAtStart: [],
  daysInInsats: [],
};

describe('computeOutcomeReport', () => {
  it('breaks ties in the remainder by code-book order (the published 348 example)', () => {
    const totals = [36, 25, 26, 57, 20, 3, 26, 17, 111, 27];
    const counts: OutcomeCounts = {
      ...EMPTY,
      endReasons: STANDARD_CODEBOOK.reasons.map((reason, i) => ({ reason, gender: 'kvinna' as const, count: totals[i]! })),
    };
    const r = computeOutcomeReport({ period: yearPeriod(2024), insats: null, codebook: STANDARD_CODEBOOK, minCell: 5, counts });
    // Arbetsförmedlingen (3rd) and Sysselsättning (7th) both 7.47 %: the first listed gets 8.
    expect(r.endReasons[2]!.percent).toBe(8);
    expect(r.endReasons[6]!.percent).toBe(7);
  });

  it('merges spellings of a reason, lists unknown ones last by size and keeps the sum at 100', () => {
    const counts: OutcomeCounts = {
      ...EMPTY,
      endReasons: [
        { reason: 'jobbtorg / amf-insats', gender: 'man', count: 2 },
        { reason: 'Jobbtorg/AMF-insats', gender: 'kvinna', count: 1 },
        { reason: 'Flyttat', gender: 'annat', count: 1 },
        { reason: 'Avliden', gender: 'man', count: 3 },
      ],
    };
    const r = computeOutcomeReport({ period: yearPeriod(2024), insats: 'X', codebook: STANDARD_CODEBOOK, minCell: 3, counts });
    expect(r.endReasons[3]).toMatchObject({ reason: 'Jobbtorg/AMF-insats', women: 1, men: 2, total: 3, percent: 43 });
    expect(r.endReasons.slice(10).map((x) => [x.reason, x.total, x.inCodebook, x.other])).toEqual([
      ['Avliden', 3, false, 0],
      ['Flyttat', 1, false, 1],
    ]);
    expect(r.endReasons.reduce((a, x) => a + (x.percent ?? 0), 0)).toBe(100);
    expect(r.endedTotal).toEqual({ women: 1, men: 5, other: 1, total: 7 });
  });

  it('places ages on the group boundaries by year − birth year', () => {
    expect(ageGroup(2024, 2008)).toBe('16–19');
    expect(ageGroup(2024, 2005)).toBe('16–19');
    expect(ageGroup(2024, 2004)).toBe('20–24');
    expect(ageGroup(2024, 1995)).toBe('25–29');
    expect(ageGroup(2024, 1994)).toBe('30–39');
    expect(ageGroup(2024, 1975)).toBe('40–49');
    expect(ageGroup(2024, 1974)).toBe('50–64');
    expect(ageGroup(2024, 1960)).toBe('50–64');
    expect(ageGroup(2024, 1959)).toBe('65+');
    expect(ageGroup(2024, 2009)).toBe('Under 16');
    expect(ageGroup(2024, null)).toBe('Uppgift saknas');
  });

  it('orders referrers by count then name with "Uppgift saknas" last, and hides percents below k', () => {
    const counts: OutcomeCounts = {
      ...EMPTY,
      referrers: [
        { value: null, gender: 'kvinna', count: 5 },
        { value: 'Försäkringskassan', gender: 'kvinna', count: 2 },
        { value: 'Arbetsförmedlingen', gender: 'kvinna', count: 2 },
        { value: 'Egen anmälan', gender: 'kvinna', count: 3 },
      ],
    };
    const r = computeOutcomeReport({ period: yearPeriod(2024), insats: null, codebook: STANDARD_CODEBOOK, minCell: 5, counts });
    expect(r.referrers).toMatchObject([
      { referrer: 'Egen anmälan', count: 3, percent: 25 },
      { referrer: 'Arbetsförmedlingen', count: 2, percent: 17 },
      // 16.67, 16.67 and 41.67 tie on the remainder: the two listed first get the extra points.
      { referrer: 'Försäkringskassan', count: 2, percent: 17 },
      { referrer: 'Uppgift saknas', count: 5, percent: 41 },
    ]);
    const small = computeOutcomeReport({
      period: yearPeriod(2024),
      insats: null,
      codebook: STANDARD_CODEBOOK,
      minCell: 5,
      counts: { ...EMPTY, referrers: [{ value: 'Egen anmälan', gender: 'kvinna', count: 4 }] },
    });
    expect(small.referrers).toMatchObject([{ referrer: 'Egen anmälan', count: 4, percent: null }]);
    expect(small.background).toEqual({ education: [], ageGroup: [], timeWithoutWork: [], residence: [] });
  });

  it('distributions always sum to 100 when shown', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 400 }), { minLength: 10, maxLength: 10 }), (totals) => {
        const counts: OutcomeCounts = {
          ...EMPTY,
          endReasons: STANDARD_CODEBOOK.reasons.map((reason, i) => ({ reason, gender: 'man' as const, count: totals[i]! })),
        };
        const r = computeOutcomeReport({ period: yearPeriod(2024), insats: null, codebook: STANDARD_CODEBOOK, minCell: 5, counts });
        const n = totals.reduce((a, b) => a + b, 0);
        const sum = r.endReasons.reduce((a, x) => a + (x.percent ?? 0), 0);
        expect(sum).toBe(n >= 5 ? 100 : 0);
      }),
    );
  });
});

describe('personal identity numbers', () => {
  const pnr = fc
    .tuple(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(([y, m, d, n]) => {
      const nine = [y, m, d].map((x) => String(x).padStart(2, '0')).join('') + String(n).padStart(3, '0');
      return nine + luhnDigit(nine);
    });

  it('knows the Luhn check', () => {
    expect(luhnValid('8112189876')).toBe(true); // Skatteverket's example
    expect(luhnValid('8112189875')).toBe(false);
  });

  it('finds and masks every form: 10 or 12 digits, with or without - or +', () => {
    fc.assert(
      fc.property(pnr, fc.constantFrom('', '-', '+'), fc.boolean(), fc.string(), (ten, sep, century, around) => {
        const shown = `${century ? '19' : ''}${ten.slice(0, 6)}${sep}${ten.slice(6)}`;
        const text = `x${around.replace(/\d/g, '')} ${shown} y`;
        expect(containsIdentityNumber(text)).toBe(true);
        expect(maskIdentityNumbers(text)).not.toContain(ten.slice(6));
      }),
    );
  });

  it('leaves dates, short numbers and numbers failing Luhn alone', () => {
    expect(containsIdentityNumber('2024-06-25')).toBe(false);
    expect(containsIdentityNumber('S-0361')).toBe(false);
    expect(containsIdentityNumber('8112189875')).toBe(false);
    expect(containsIdentityNumber('98112189876')).toBe(false); // 11 digits
  });
});
