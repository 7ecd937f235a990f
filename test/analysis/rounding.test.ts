import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { largestRemainderPercents, percentHalfUp } from '../../analysis/rounding.js';

describe('percentHalfUp', () => {
  it('rounds an exact half up (docs/rules.md: 17.5 → 18)', () => {
    expect(percentHalfUp(7, 40)).toBe(18); // 17.5 %
    expect(percentHalfUp(35, 200)).toBe(18); // 17.5 %
    expect(percentHalfUp(1, 8)).toBe(13); // 12.5 %
    expect(percentHalfUp(3, 8)).toBe(38); // 37.5 %
    expect(percentHalfUp(5, 8)).toBe(63); // 62.5 %
  });

  it('gives exact shares unchanged and rounds others to the nearest', () => {
    expect(percentHalfUp(2, 8)).toBe(25);
    expect(percentHalfUp(1, 3)).toBe(33); // 33.33
    expect(percentHalfUp(2, 3)).toBe(67); // 66.67
    expect(percentHalfUp(15, 23)).toBe(65); // 65.2: the staff example in docs/domain.md
    expect(percentHalfUp(0, 9)).toBe(0);
    expect(percentHalfUp(9, 9)).toBe(100);
  });

  it('has no share of nothing', () => {
    expect(percentHalfUp(0, 0)).toBeNull();
  });
});

describe('largestRemainderPercents', () => {
  it('reproduces the published table of 348 ended participants (docs/rules.md)', () => {
    const counts = [36, 25, 26, 57, 20, 3, 26, 17, 111, 27];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(348);
    // Arbetsförmedlingen (3rd) and Sysselsättning (7th) tie at 7.47 %; the first listed gets 8.
    expect(largestRemainderPercents(counts)).toEqual([10, 7, 8, 16, 6, 1, 7, 5, 32, 8]);
  });

  it('breaks ties in the remainder by order', () => {
    expect(largestRemainderPercents([1, 1, 1])).toEqual([34, 33, 33]);
    // 33.3, 16.7, 16.7, 33.3: the two largest remainders are the middle ones.
    expect(largestRemainderPercents([2, 1, 1, 2])).toEqual([33, 17, 17, 33]);
    expect(largestRemainderPercents([1, 1, 1, 1, 1, 1, 1])).toEqual([15, 15, 14, 14, 14, 14, 14]);
  });

  it('keeps exact shares and empty categories', () => {
    expect(largestRemainderPercents([1, 1])).toEqual([50, 50]);
    expect(largestRemainderPercents([0, 4, 0])).toEqual([0, 100, 0]);
    expect(largestRemainderPercents([0, 0])).toEqual([0, 0]);
  });

  it('always sums to 100 and stays within one point of the exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 12 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const percents = largestRemainderPercents(counts);
        expect(percents.reduce((a, b) => a + b, 0)).toBe(100);
        percents.forEach((p, i) => {
          const exact = (100 * counts[i]!) / total;
          expect(p).toBeGreaterThanOrEqual(Math.floor(exact));
          expect(p).toBeLessThanOrEqual(Math.floor(exact) + 1);
        });
      }),
    );
  });
});
