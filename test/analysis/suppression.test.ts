import { describe, expect, it } from 'vitest';
import {
  COMPLEMENTARY_REASON,
  effectiveMinCell,
  isBelowMinCell,
  suppressBreakdown,
  suppressGenderBreakdown,
  suppressSingle,
} from '../../analysis/suppression.js';

const shown = { suppressed: false, reason: null };
const few5 = { suppressed: true, reason: 'Färre än 5 svar' };
const complement = { suppressed: true, reason: 'Dold för att en annan dold cell inte ska kunna räknas fram' };

describe('effectiveMinCell', () => {
  it('is the configured k but never below 3', () => {
    expect(effectiveMinCell(5)).toBe(5);
    expect(effectiveMinCell(10)).toBe(10);
    expect(effectiveMinCell(3)).toBe(3);
    expect(effectiveMinCell(2)).toBe(3);
    expect(effectiveMinCell(0)).toBe(3);
    expect(effectiveMinCell(-4)).toBe(3);
  });
});

describe('single cells', () => {
  it('hides 0 < n < k, but not an empty cell', () => {
    expect(isBelowMinCell(0, 5)).toBe(false);
    expect(isBelowMinCell(1, 5)).toBe(true);
    expect(isBelowMinCell(4, 5)).toBe(true);
    expect(isBelowMinCell(5, 5)).toBe(false);
    expect(isBelowMinCell(2, 1)).toBe(true); // k is raised to 3
    expect(suppressSingle(4, 5)).toEqual(few5);
    expect(suppressSingle(0, 5)).toEqual(shown);
    expect(suppressSingle(2, 2)).toEqual({ suppressed: true, reason: 'Färre än 3 svar' });
  });
});

describe('suppressBreakdown', () => {
  it('hides the next smallest cell when exactly one is hidden and the total is shown', () => {
    // Total 21 is shown; 3 alone could be recovered as 21 − 10 − 8, so 8 goes too; the empty cell stays.
    expect(suppressBreakdown([10, 3, 8, 0], 5)).toEqual([shown, few5, complement, shown]);
    expect(COMPLEMENTARY_REASON).toBe(complement.reason);
  });

  it('takes the first of equally small cells', () => {
    expect(suppressBreakdown([4, 7, 7], 5)).toEqual([few5, complement, shown]);
    expect(suppressBreakdown([7, 4, 7], 5)).toEqual([complement, few5, shown]);
  });

  it('may take a complementary cell that is itself large', () => {
    expect(suppressBreakdown([120, 2], 5)).toEqual([complement, few5]);
  });

  it('needs no complement when two or more cells are hidden', () => {
    expect(suppressBreakdown([2, 3, 20], 5)).toEqual([few5, few5, shown]);
    expect(suppressBreakdown([1, 1, 1, 30], 5)).toEqual([few5, few5, few5, shown]);
  });

  it('needs no complement when nothing or only empty cells are small', () => {
    expect(suppressBreakdown([0, 0, 12], 5)).toEqual([shown, shown, shown]);
    expect(suppressBreakdown([5, 6], 5)).toEqual([shown, shown]);
    expect(suppressBreakdown([], 5)).toEqual([]);
  });

  it('needs no complement when the total itself is hidden', () => {
    // Total 4 < 5: the only non-empty cell is hidden and nothing can be subtracted from a hidden total.
    expect(suppressBreakdown([4, 0], 5)).toEqual([few5, shown]);
    expect(suppressBreakdown([1, 2], 5)).toEqual([few5, few5]);
  });

  it('uses an explicit total when the cells do not add up to it', () => {
    // Total 9 is shown but there is no other non-empty cell that could be hidden as a complement.
    expect(suppressBreakdown([3, 0], 5, { total: 9 })).toEqual([few5, shown]);
    // A total below k is not shown, so no complement.
    expect(suppressBreakdown([3, 6], 5, { total: 4 })).toEqual([few5, shown]);
  });

  it('never goes below k = 3', () => {
    const few3 = { suppressed: true, reason: 'Färre än 3 svar' };
    expect(suppressBreakdown([2, 10, 10], 1)).toEqual([few3, complement, shown]);
    expect(suppressBreakdown([3, 10], 1)).toEqual([shown, shown]);
  });
});

describe('suppressGenderBreakdown', () => {
  it('hides a small other bucket without forcing women or men', () => {
    expect(suppressGenderBreakdown({ women: 12, men: 9, other: 2 }, 5)).toEqual({
      women: shown,
      men: shown,
      other: few5,
    });
  });

  it('still protects a hidden women or men cell', () => {
    // Men 3 hidden, other empty: women would give men away (total − women), so women go too.
    expect(suppressGenderBreakdown({ women: 20, men: 3, other: 0 }, 5)).toEqual({
      women: complement,
      men: few5,
      other: shown,
    });
    // The smallest remaining cell is the other bucket, which then hides for the sake of women.
    expect(suppressGenderBreakdown({ women: 3, men: 20, other: 6 }, 5)).toEqual({
      women: few5,
      men: shown,
      other: complement,
    });
  });

  it('needs no complement with two hidden cells', () => {
    expect(suppressGenderBreakdown({ women: 3, men: 9, other: 2 }, 5)).toEqual({
      women: few5,
      men: shown,
      other: few5,
    });
  });

  it('shows everything when all non-empty cells reach k', () => {
    expect(suppressGenderBreakdown({ women: 12, men: 9, other: 0 }, 5)).toEqual({
      women: shown,
      men: shown,
      other: shown,
    });
  });
});
