// Uncertainty for small groups (docs/rules.md): Wilson score intervals for a share and Fisher's exact
// test for a change between two years. Pure functions, no dependencies.

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** Rounds to one decimal; the interval ends are irrational, so ties are not a practical concern. */
function roundOneDecimal(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * 95 % Wilson score interval for positive/n, as percentages (0–100) rounded to one decimal.
 * Wilson rather than the normal approximation because it stays inside 0–100 and behaves well
 * for the small n and extreme shares typical of one insats. Null when n = 0.
 */
export function wilsonInterval(positive: number, n: number, z = 1.959964): [number, number] | null {
  assertCount('positive', positive);
  assertCount('n', n);
  if (positive > n) throw new RangeError(`positive (${positive}) cannot exceed n (${n})`);
  if (n === 0) return null;
  const p = positive / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp: at p = 0 or 1 the bound is exactly 0/100 in theory but may be off by float noise.
  const low = Math.max(0, centre - half);
  const high = Math.min(1, centre + half);
  return [roundOneDecimal(100 * low), roundOneDecimal(100 * high)];
}

// Cumulative table of ln(k!), grown on demand; sums of logs keep n in the thousands finite.
const logFactorials: number[] = [0];

function logFactorial(k: number): number {
  for (let i = logFactorials.length; i <= k; i++) {
    logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  }
  return logFactorials[k]!;
}

/**
 * Two-sided Fisher exact p for the 2×2 table [[a, b], [c, d]]: the sum of the probabilities of all
 * tables with the same margins whose probability is at most the observed one (as R's fisher.test,
 * with the same 1e-7 relative tolerance so tables tied with the observed one are not lost to
 * rounding). Probabilities are normalised against the most likely table, which avoids underflow.
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  assertCount('a', a);
  assertCount('b', b);
  assertCount('c', c);
  assertCount('d', d);
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const col2 = b + d;
  const total = row1 + row2;
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  if (lo === hi) return 1; // only one table has these margins

  const constant = logFactorial(row1) + logFactorial(row2) + logFactorial(col1) + logFactorial(col2) - logFactorial(total);
  // Log-probability of the table whose top-left cell is x (hypergeometric).
  const logP = (x: number): number =>
    constant - logFactorial(x) - logFactorial(row1 - x) - logFactorial(col1 - x) - logFactorial(row2 - col1 + x);

  const logs: number[] = [];
  let max = -Infinity;
  for (let x = lo; x <= hi; x++) {
    const l = logP(x);
    logs.push(l);
    if (l > max) max = l;
  }
  const rel = logs.map((l) => Math.exp(l - max));
  const observed = rel[a - lo]!;
  const limit = observed * (1 + 1e-7);
  let sum = 0;
  let tail = 0;
  for (const r of rel) {
    sum += r;
    if (r <= limit) tail += r;
  }
  return Math.min(1, tail / sum);
}
