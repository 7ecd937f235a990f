// Linear subspaces of R³, for the exact derivability check in analysis/disclosure.ts. A selection's
// four cells (total, women, men, other) always satisfy total = women + men + other, so any change
// to them is a vector (women, men, other) in R³, and every subspace of R³ is the null space, a line,
// a plane or all of R³. Lines and planes are kept as one integer vector (the line's direction, the
// plane's normal), so every operation is a few exact integer products.

export type Vec3 = readonly [number, number, number];
export type Subspace = { dim: 0 } | { dim: 1; v: Vec3 } | { dim: 2; n: Vec3 } | { dim: 3 };

export const NONE: Subspace = { dim: 0 };
export const ALL: Subspace = { dim: 3 };

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const isZero = (a: Vec3) => a[0] === 0 && a[1] === 0 && a[2] === 0;

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The same direction with the smallest integer entries (keeps the numbers small). */
function reduce(a: Vec3): Vec3 {
  const g = gcd(gcd(a[0], a[1]), a[2]) || 1;
  return [a[0] / g, a[1] / g, a[2] / g];
}

export const line = (v: Vec3): Subspace => (isZero(v) ? NONE : { dim: 1, v: reduce(v) });
export const plane = (n: Vec3): Subspace => (isZero(n) ? ALL : { dim: 2, n: reduce(n) });

/** a + b. */
export function sum(a: Subspace, b: Subspace): Subspace {
  if (a.dim === 3 || b.dim === 0) return a;
  if (b.dim === 3 || a.dim === 0) return b;
  if (a.dim === 1 && b.dim === 1) {
    const n = cross(a.v, b.v);
    return isZero(n) ? a : plane(n);
  }
  if (a.dim === 2 && b.dim === 2) return isZero(cross(a.n, b.n)) ? a : ALL;
  const [l, p] = a.dim === 1 ? [a, b as { dim: 2; n: Vec3 }] : [b as { dim: 1; v: Vec3 }, a as { dim: 2; n: Vec3 }];
  return dot(l.v, p.n) === 0 ? p : ALL;
}

/** a ∩ b. */
export function intersect(a: Subspace, b: Subspace): Subspace {
  if (a.dim === 3 || b.dim === 0) return b;
  if (b.dim === 3 || a.dim === 0) return a;
  if (a.dim === 1 && b.dim === 1) return isZero(cross(a.v, b.v)) ? a : NONE;
  if (a.dim === 2 && b.dim === 2) {
    const d = cross(a.n, b.n);
    return isZero(d) ? a : line(d);
  }
  const [l, p] = a.dim === 1 ? [a, b as { dim: 2; n: Vec3 }] : [b as { dim: 1; v: Vec3 }, a as { dim: 2; n: Vec3 }];
  return dot(l.v, p.n) === 0 ? l : NONE;
}

/** The vectors of `a` on which the linear function x ↦ f·x is 0. */
export function kernelIn(a: Subspace, f: Vec3): Subspace {
  return intersect(a, plane(f));
}

/** Whether f·x is 0 for every x in `a` (the value f·x cannot change: it is determined). */
export function fixedBy(a: Subspace, f: Vec3): boolean {
  if (a.dim === 0) return true;
  if (a.dim === 3) return false;
  if (a.dim === 1) return dot(a.v, f) === 0;
  return isZero(cross(a.n, f));
}

/** Basis vectors of a subspace. */
export function basis(a: Subspace): Vec3[] {
  if (a.dim === 0) return [];
  if (a.dim === 1) return [a.v];
  if (a.dim === 3)
    return [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
  // Two independent vectors orthogonal to the normal.
  const n = a.n;
  const candidates: Vec3[] = [cross(n, [1, 0, 0]), cross(n, [0, 1, 0]), cross(n, [0, 0, 1])].filter((v) => !isZero(v));
  const first = candidates[0]!;
  const second = candidates.find((v) => !isZero(cross(first, v)))!;
  return [first, second];
}

/** Whether the linear system rows·h = rhs (h in R³) has a solution. Small exact-enough elimination. */
export function consistent(rows: readonly Vec3[], rhs: readonly number[]): boolean {
  const m = rows.map((r, i) => [r[0], r[1], r[2], rhs[i]!]);
  let r = 0;
  for (let c = 0; c < 3 && r < m.length; c++) {
    let p = -1;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]![c]!) > 1e-9 && (p < 0 || Math.abs(m[i]![c]!) > Math.abs(m[p]![c]!))) p = i;
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f !== 0) for (let j = c; j < 4; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return m.slice(r).every((row) => Math.abs(row[3]!) < 1e-9);
}
