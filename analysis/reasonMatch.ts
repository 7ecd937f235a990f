// How an end reason written in a register is compared with a code book's reasons (docs/import.md
// "Kodböcker"): only letters and digits count, so "Sjukdom, vård, behandling" and
// "Sjukdom/vård/behandling" are the same reason. Pure: no I/O.

/**
 * The key a reason is matched by: NFC, lower case, letters and digits only. Å, ä and ö stay
 * distinct from a and o (they are letters of their own in Swedish: "Vård" is not "Vard").
 */
export function matchKey(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The words of a value as match keys ("Sjukdom/vård/behandling" → sjukdom, vård, behandling). */
export function matchWords(value: string): string[] {
  return value
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment): "Sjukdm" is 1 from
 * "sjukdom", "Arbeet" 1 from "arbete". Stops early and returns limit + 1 once the distance must
 * exceed limit, so comparing a long value with many reasons stays cheap.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[y.length]!;
}
