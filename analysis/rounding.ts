// Rounding rules (docs/rules.md): single shares half up, distributions by largest remainder.

/** Percent of part in whole, rounded half up to a whole number; null when whole is 0. */
export function percentHalfUp(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  // Integer arithmetic avoids binary-float surprises such as 17.5 being stored as 17.4999…
  return Math.floor((200 * part + whole) / (2 * whole));
}

/**
 * Largest-remainder percentages that sum to 100. Ties in the remainder go to the category listed
 * first (the code book's order), which is the order of `counts`. All zeros when the total is 0.
 */
export function largestRemainderPercents(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return counts.map(() => 0);
  // Work in integers: exact share = 100*c/total = floor + rem/total.
  const floors = counts.map((c) => Math.floor((100 * c) / total));
  const rems = counts.map((c) => (100 * c) % total);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = counts.map((_, i) => i).sort((a, b) => rems[b]! - rems[a]! || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}
