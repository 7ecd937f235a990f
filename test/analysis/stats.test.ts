import { describe, expect, it } from 'vitest';
import { fisherExactTwoSided, wilsonInterval } from '../../analysis/stats.js';

describe('wilsonInterval', () => {
  // Newcombe (1998), Stat Med 17:857–872, table I, method 3 (Wilson score without continuity correction).
  it('matches Newcombe 1998', () => {
    expect(wilsonInterval(81, 263)).toEqual([25.5, 36.6]); // 0.2553–0.3662
    expect(wilsonInterval(15, 148)).toEqual([6.2, 16.0]); // 0.0624–0.1605 (0.16049)
    expect(wilsonInterval(0, 20)).toEqual([0, 16.1]); // 0–0.1611
    expect(wilsonInterval(1, 29)).toEqual([0.6, 17.2]); // 0.0061–0.1718
    expect(wilsonInterval(29, 29)).toEqual([88.3, 100]); // 0.8830–1 (mirror of 0/29)
  });

  it('is symmetric around one half', () => {
    // 4/5 = [37.6, 96.4] so 1/5 = [3.6, 62.4]
    expect(wilsonInterval(4, 5)).toEqual([37.6, 96.4]);
    expect(wilsonInterval(1, 5)).toEqual([3.6, 62.4]);
  });

  it('is null without answers and rejects impossible input', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });

  it('widens with a larger z', () => {
    const [lo95, hi95] = wilsonInterval(10, 20)!;
    const [lo99, hi99] = wilsonInterval(10, 20, 2.575829)!;
    expect(lo99).toBeLessThan(lo95);
    expect(hi99).toBeGreaterThan(hi95);
  });
});

describe('fisherExactTwoSided', () => {
  it("gives Fisher's tea-tasting p", () => {
    // Margins 4/4: table probabilities 1, 16, 36, 16, 1 (/70); observed 16 → (1+16+16+1)/70.
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(34 / 70, 12);
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(0.4857, 4);
  });

  it('matches R fisher.test(matrix(c(1, 11, 9, 3), 2))', () => {
    expect(fisherExactTwoSided(1, 9, 11, 3)).toBeCloseTo(0.002759, 6);
    // The same table transposed or mirrored has the same p.
    expect(fisherExactTwoSided(1, 11, 9, 3)).toBeCloseTo(0.002759, 6);
    expect(fisherExactTwoSided(3, 11, 9, 1)).toBeCloseTo(0.002759, 6);
  });

  it('computes small tables exactly', () => {
    // [[0,5],[5,0]]: only the two extreme tables are as unlikely, each 1/C(10,5) = 1/252.
    expect(fisherExactTwoSided(0, 5, 5, 0)).toBeCloseTo(2 / 252, 12);
    // The most likely table has p = 1; so does a table with only one possible arrangement.
    expect(fisherExactTwoSided(2, 2, 2, 2)).toBe(1);
    expect(fisherExactTwoSided(0, 0, 3, 4)).toBe(1);
    expect(fisherExactTwoSided(0, 0, 0, 0)).toBe(1);
  });

  it('keeps tables tied with the observed one (relative tolerance)', () => {
    // [[1,2],[2,1]]: margins 3/3, probabilities 1, 9, 9, 1 (/20); the tie at 9 must count: p = 1.
    expect(fisherExactTwoSided(1, 2, 2, 1)).toBe(1);
    // [[0,3],[3,0]]: 2/20.
    expect(fisherExactTwoSided(0, 3, 3, 0)).toBeCloseTo(0.1, 12);
  });

  it('matches R for moderate and large tables', () => {
    // fisher.test(matrix(c(10, 3, 2, 15), 2))$p.value = 0.0005367241
    expect(fisherExactTwoSided(10, 2, 3, 15)).toBeCloseTo(0.0005367241, 9);
    // fisher.test(matrix(c(40, 30, 10, 20), 2))$p.value = 0.04858163
    expect(fisherExactTwoSided(40, 10, 30, 20)).toBeCloseTo(0.04858163, 7);
    // n = 4000: fisher.test(matrix(c(1200, 1100, 800, 900), 2))$p.value = 0.001539508
    expect(fisherExactTwoSided(1200, 800, 1100, 900)).toBeCloseTo(0.001539508, 8);
  });

  it('works for very large n without overflow', () => {
    const p = fisherExactTwoSided(5000, 5000, 5000, 5000);
    expect(p).toBe(1);
    const q = fisherExactTwoSided(3000, 2000, 2000, 3000);
    expect(q).toBeGreaterThanOrEqual(0);
    expect(q).toBeLessThan(1e-50);
  });
});
