// Shares of named groups of end reasons ("Arbete, studier eller arbetssökande"), as a code book
// declares them (docs/import.md "Kodböcker"). The share is the group's summed count over all ended,
// rounded half up once (docs/rules.md): 61 of 348 is 18 %, even where a table's rounded rows
// (10 % + 7 %) add up to 17 %. Pure: no I/O.
import { percentHalfUp } from './rounding.js';
import { matchKey } from './reasonMatch.js';

/** End reasons counted by gender, as in the outcome report's end-reason table. */
export interface ReasonCountRow {
  reason: string;
  women: number;
  men: number;
  other: number;
  total: number;
}

export interface GroupShareCell {
  count: number;
  of: number;
  /** Half up; null when `of` is below k. */
  percent: number | null;
}

export interface GroupShare {
  name: string;
  reasons: readonly string[];
  total: GroupShareCell;
  women: GroupShareCell;
  men: GroupShareCell;
  other: GroupShareCell;
}

const GENDERS = ['total', 'women', 'men', 'other'] as const;

/**
 * The group's share of all ended in `rows`, in total and by gender. `of` is the sum of every row
 * (the group's reasons and all others, also reasons outside the code book); a cell's percent is
 * null when its `of` is below minCell.
 */
export function groupShare(
  rows: readonly ReasonCountRow[],
  group: { name: string; reasons: readonly string[] },
  minCell: number,
): GroupShare {
  const keys = new Set(group.reasons.map(matchKey));
  const cell = (g: (typeof GENDERS)[number]): GroupShareCell => {
    let count = 0;
    let of = 0;
    for (const r of rows) {
      of += r[g];
      if (keys.has(matchKey(r.reason))) count += r[g];
    }
    return { count, of, percent: of < minCell ? null : percentHalfUp(count, of) };
  };
  return { name: group.name, reasons: group.reasons, total: cell('total'), women: cell('women'), men: cell('men'), other: cell('other') };
}
