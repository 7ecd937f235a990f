// Group shares: a code book's named sets of end reasons, counted over all ended.
import { describe, expect, it } from 'vitest';
import { groupShare, type ReasonCountRow } from '../../analysis/reasonGroups.js';

const row = (reason: string, women: number, men: number, other = 0): ReasonCountRow => ({
  reason,
  women,
  men,
  other,
  total: women + men + other,
});

describe('groupShare', () => {
  const rows = [row('Arbete', 10, 6), row('Studier', 4, 3), row('Arbetssökande', 5, 2, 1), row('Övrigt', 30, 20, 2)];
  const group = { name: 'Arbete, studier eller arbetssökande', reasons: ['Arbete', 'Studier', 'Arbetssökande'] };

  it('sums the group over all ended, in total and by gender, rounding once half up', () => {
    expect(groupShare(rows, group, 5)).toEqual({
      name: group.name,
      reasons: group.reasons,
      total: { count: 31, of: 83, percent: 37 }, // 37.3
      women: { count: 19, of: 49, percent: 39 }, // 38.8
      men: { count: 11, of: 31, percent: 35 }, // 35.48
      other: { count: 1, of: 3, percent: null },
    });
  });

  it('rounds the summed count, not the rounded rows: 61 of 348 is 18 %', () => {
    const table = [row('A', 35, 0), row('B', 26, 0), row('C', 287, 0)];
    expect(groupShare(table, { name: 'AB', reasons: ['A', 'B'] }, 5).total).toEqual({ count: 61, of: 348, percent: 18 });
  });

  it('matches reasons by match key and gives no percent below k', () => {
    const share = groupShare(
      [row('Sjukdom/vård/behandling', 2, 1), row('Övrigt', 1, 0)],
      { name: 'S', reasons: ['sjukdom, vård, behandling'] },
      5,
    );
    expect(share.total).toEqual({ count: 3, of: 4, percent: null });
  });
});
