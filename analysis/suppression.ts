// Anonymity rules (DESIGN §3) as generic functions over counts, so every breakdown (by question,
// gender, insats, respondent group, …) hides cells the same way.

export interface CellSuppression {
  suppressed: boolean;
  /** Swedish, shown to the user next to the hidden figure; null when the cell is shown. */
  reason: string | null;
}

/** The configured minimum cell size, never below 3 whatever the configuration says. */
export function effectiveMinCell(k: number): number {
  if (!Number.isFinite(k)) return 3;
  return Math.max(3, Math.ceil(k));
}

/** Reason for a cell that itself has too few answers. */
export function tooFewReason(k: number): string {
  return `Färre än ${effectiveMinCell(k)} svar`;
}

/** Reason for a cell hidden only so that another hidden cell cannot be derived by subtraction. */
export const COMPLEMENTARY_REASON = 'Dold för att en annan dold cell inte ska kunna räknas fram';

/** A cell with 0 < n < k is hidden; an empty cell has nothing to protect (it just has no percentage). */
export function isBelowMinCell(n: number, k: number): boolean {
  return n > 0 && n < effectiveMinCell(k);
}

/** Suppression of a single figure (a total, a selection) without any breakdown around it. */
export function suppressSingle(n: number, k: number): CellSuppression {
  return isBelowMinCell(n, k)
    ? { suppressed: true, reason: tooFewReason(k) }
    : { suppressed: false, reason: null };
}

export interface BreakdownOptions {
  /** The breakdown's total as shown; defaults to the sum of the cells. */
  total?: number;
  /**
   * Indexes of cells whose being hidden does not force another cell to be hidden (the gender
   * breakdown's third bucket). They can still be chosen as the complementary cell.
   */
  noComplementFor?: readonly number[];
}

/**
 * Primary and complementary suppression for one breakdown, cells in display order.
 * When the total is shown (total ≥ k) and exactly one cell is hidden, that cell could be recovered
 * as total − the others, so the smallest remaining non-empty cell is hidden too (ties: first).
 */
export function suppressBreakdown(
  counts: readonly number[],
  k: number,
  options: BreakdownOptions = {},
): CellSuppression[] {
  const minCell = effectiveMinCell(k);
  const result: CellSuppression[] = counts.map((n) => suppressSingle(n, minCell));
  const total = options.total ?? counts.reduce((s, n) => s + n, 0);
  const hidden = result.flatMap((r, i) => (r.suppressed ? [i] : []));
  const only = hidden.length === 1 ? hidden[0]! : -1;
  if (total >= minCell && only >= 0 && !(options.noComplementFor ?? []).includes(only)) {
    let pick = -1;
    counts.forEach((n, i) => {
      if (i === only || n <= 0) return;
      if (pick < 0 || n < counts[pick]!) pick = i;
    });
    if (pick >= 0) result[pick] = { suppressed: true, reason: COMPLEMENTARY_REASON };
  }
  return result;
}

export interface GenderCounts {
  women: number;
  men: number;
  other: number;
}

export type GenderSuppression = { [G in keyof GenderCounts]: CellSuppression };

/**
 * Suppression for a women/men/other breakdown. A hidden `other` bucket does not force women or
 * men to be hidden (its members are not identifiable and gender-split reporting must survive),
 * but a hidden women or men cell forces a complementary cell as in any breakdown.
 */
export function suppressGenderBreakdown(
  counts: GenderCounts,
  k: number,
  total?: number,
): GenderSuppression {
  const options: BreakdownOptions = { noComplementFor: [2] };
  if (total !== undefined) options.total = total;
  const [women, men, other] = suppressBreakdown([counts.women, counts.men, counts.other], k, options);
  return { women: women!, men: men!, other: other! };
}
