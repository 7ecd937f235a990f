// Linear subspaces of R^4 (the cells total, women, men, other of one selection), for the exact
// derivability check in analysis/disclosure.ts. A subspace is a list of basis vectors in reduced
// row echelon form. Entries stay small (sums and differences of 0/±1), so a tolerance is safe.

export type Vec = number[];
export type Subspace = Vec[];

const EPS = 1e-9;

/** Reduced row echelon basis of the span of `vectors`. */
export function span(vectors: readonly Vec[]): Subspace {
  const rows = vectors.map((v) => v.slice());
  const basis: Vec[] = [];
  const width = rows[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let p = -1;
    for (let i = r; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > EPS && (p < 0 || Math.abs(rows[i]![c]!) > Math.abs(rows[p]![c]!))) p = i;
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    const pivot = rows[r]!;
    const f = pivot[c]!;
    for (let j = 0; j < width; j++) pivot[j]! /= f;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const g = rows[i]![c]!;
      if (Math.abs(g) > EPS) for (let j = 0; j < width; j++) rows[i]![j]! -= g * pivot[j]!;
    }
    r++;
  }
  for (let i = 0; i < r; i++) basis.push(rows[i]!.map((x) => (Math.abs(x) < EPS ? 0 : x)));
  return basis;
}

export function sum(a: Subspace, b: Subspace): Subspace {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return span([...a, ...b]);
}

/** Null space of a matrix given by rows (each of length n), as basis vectors of length n. */
function nullSpace(rows: readonly Vec[], n: number): Vec[] {
  const rref = span(rows.length ? rows : [new Array<number>(n).fill(0)]);
  const pivots: number[] = rref.map((row) => row.findIndex((x) => Math.abs(x) > EPS));
  const out: Vec[] = [];
  for (let free = 0; free < n; free++) {
    if (pivots.includes(free)) continue;
    const v = new Array<number>(n).fill(0);
    v[free] = 1;
    rref.forEach((row, i) => (v[pivots[i]!] = -row[free]!));
    out.push(v);
  }
  return out;
}

/** a ∩ b. */
export function intersect(a: Subspace, b: Subspace): Subspace {
  if (a.length === 0 || b.length === 0) return [];
  const width = a[0]!.length;
  // x = Σ αᵢaᵢ = Σ βⱼbⱼ: the null space of [a | −b] in (α, β).
  const rows: Vec[] = [];
  for (let c = 0; c < width; c++) rows.push([...a.map((v) => v[c]!), ...b.map((v) => -v[c]!)]);
  const combos = nullSpace(rows, a.length + b.length);
  return span(combos.map((z) => Array.from({ length: width }, (_, c) => a.reduce((s, v, i) => s + z[i]! * v[c]!, 0))));
}

/** The vectors of `a` that are zero at the given coordinates. */
export function zeroAt(a: Subspace, coords: readonly number[]): Subspace {
  if (a.length === 0 || coords.length === 0) return a;
  const rows = coords.map((c) => a.map((v) => v[c]!));
  const combos = nullSpace(rows, a.length);
  const width = a[0]!.length;
  return span(combos.map((z) => Array.from({ length: width }, (_, c) => a.reduce((s, v, i) => s + z[i]! * v[c]!, 0))));
}

/** Whether every vector of `a` is zero at coordinate c. */
export function fixedAt(a: Subspace, c: number): boolean {
  return a.every((v) => Math.abs(v[c]!) < EPS);
}
