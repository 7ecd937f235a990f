// Tabulating one register variable by gender (analysis/variables.ts): order, "Uppgift saknas",
// largest remainder in all and within each gender, and null shares below k.
import { describe, expect, it } from 'vitest';
import { MISSING, tabulateVariable, variableTable, type VariableCount } from '../../analysis/variables.js';

const k = 5;

describe('tabulateVariable', () => {
  it('gives counts and shares in all and within each gender, and merges spellings', () => {
    const counts: VariableCount[] = [
      { value: 'Huddinge', gender: 'kvinna', count: 6 },
      { value: 'huddinge ', gender: 'man', count: 2 },
      { value: 'Botkyrka', gender: 'kvinna', count: 3 },
      { value: 'Botkyrka', gender: 'man', count: 7 },
      { value: null, gender: 'man', count: 1 },
    ];
    const d = tabulateVariable(counts, { minCell: k });
    expect(d.total).toEqual({ count: 19, women: 9, men: 10, other: 0 });
    expect(d.showOther).toBe(false);
    expect(d.rows.map((r) => [r.value, r.count, r.percent, r.byGender.women, r.byGender.men])).toEqual([
      ['Botkyrka', 10, 53, 3, 7],
      ['Huddinge', 8, 42, 6, 2],
      [MISSING, 1, 5, 0, 1],
    ]);
    // Within gender: women 3/9 = 33.3, 6/9 = 66.7 → 33 + 67; men 7/10, 2/10, 1/10.
    expect(d.rows.map((r) => r.percentWithinGender)).toEqual([
      { women: 33, men: 70, other: null },
      { women: 67, men: 20, other: null },
      { women: 0, men: 10, other: null },
    ]);
    for (const g of ['women', 'men'] as const) expect(d.rows.reduce((a, r) => a + (r.percentWithinGender[g] ?? 0), 0)).toBe(100);
  });

  it('hides shares of a group below k but gives its counts', () => {
    const d = tabulateVariable(
      [
        { value: 'A', gender: 'kvinna', count: 4 },
        { value: 'B', gender: 'man', count: 3 },
        { value: 'A', gender: 'annat', count: 1 },
      ],
      { minCell: k },
    );
    expect(d.total.count).toBe(8);
    expect(d.showOther).toBe(true);
    expect(d.rows.map((r) => r.percent)).toEqual([63, 37]); // 62.5 and 37.5: the one point left goes to the first
    expect(d.rows.map((r) => r.percentWithinGender)).toEqual([
      { women: null, men: null, other: null },
      { women: null, men: null, other: null },
    ]);
    expect(d.rows.map((r) => r.byGender)).toEqual([
      { women: 4, men: 0, other: 1 },
      { women: 0, men: 3, other: 0 },
    ]);
    const all = tabulateVariable([{ value: 'A', gender: 'kvinna', count: 4 }], { minCell: k });
    expect(all.rows[0]!.percent).toBeNull();
  });

  it('lists a given order first, keeps empty code-book entries only when asked, and ties follow the order', () => {
    const counts: VariableCount[] = [
      { value: 'Övrigt', gender: 'kvinna', count: 1 },
      { value: 'C', gender: 'kvinna', count: 1 },
      { value: 'B', gender: 'man', count: 1 },
    ];
    expect(tabulateVariable(counts, { minCell: 3, order: ['B', 'X', 'C'] }).rows.map((r) => [r.value, r.percent])).toEqual([
      ['B', 34],
      ['C', 33],
      ['Övrigt', 33],
    ]);
    expect(tabulateVariable(counts, { minCell: 3, order: ['B', 'X', 'C'], keepEmpty: true }).rows.map((r) => r.value)).toEqual([
      'B',
      'X',
      'C',
      'Övrigt',
    ]);
  });

  it('gives no rows when nobody has a value (the column was not in the files)', () => {
    const d = tabulateVariable([{ value: null, gender: 'kvinna', count: 9 }], { minCell: k });
    expect(d).toEqual({ total: { count: 9, women: 9, men: 0, other: 0 }, rows: [], showOther: false });
  });
});

describe('variableTable (CSV)', () => {
  it('has a column pair per gender (the third only when non-empty), empty hidden shares and a total row', () => {
    const d = tabulateVariable(
      [
        { value: 'A', gender: 'kvinna', count: 6 },
        { value: 'B', gender: 'man', count: 2 },
      ],
      { minCell: k },
    );
    const t = variableTable('Kommun', d, k);
    expect(t.headers).toEqual([
      'Kommun',
      'Antal',
      'Andel (%)',
      'Kvinnor',
      'Andel bland kvinnor (%)',
      'Män',
      'Andel bland män (%)',
      'Anmärkning',
    ]);
    expect(t.rows).toEqual([
      ['A', 6, 75, 6, 100, 0, null, null],
      ['B', 2, 25, 0, 0, 2, null, null],
      ['Totalt', 8, 100, 6, 100, 2, null, 'andelar för grupper med färre än 5 visas inte'],
    ]);
  });
});
