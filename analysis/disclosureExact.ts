// The exact part of the disclosure control (docs/disclosure.md): what the shown cells of a tree
// determine by any linear combination of its equations. Pure.
import { basis, consistent, fixedBy, intersect, kernelIn, NONE, ALL, sum, type Subspace, type Vec3 } from './subspace.js';
import { SHOWN, type Tree } from './disclosureTree.js';

/** Each cell (total, women, men, other) as a linear function of a change (women, men, other). */
const CELL_FUNCTION: readonly Vec3[] = [
  [1, 1, 1],
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

/**
 * The hidden cells that the shown cells determine exactly, by any linear combination over the whole
 * tree. A hidden cell is determined when every change to the hidden cells that keeps all equations
 * true and all shown cells fixed leaves it unchanged. Those changes, seen at one node, form a
 * subspace of R³ (women, men, other; the total is their sum): bottom-up, S(v) = (Σ S(children), or
 * all of R³ at a round) restricted to v's shown cells staying 0; top-down,
 * A(u) = S(u) ∩ (A(parent) + Σ S(siblings)). A hidden cell (u, c) is determined exactly when cell c
 * is 0 on all of A(u). O(nodes), each step a few integer products (analysis/subspace.ts).
 */
export function perturbations(tree: Tree, reason: Uint8Array): { S: Subspace[]; A: Subspace[] } {
  const n = tree.keys.length;
  const S: Subspace[] = new Array<Subspace>(n);
  // Children always come after their parent in the tree's order.
  for (let v = n - 1; v >= 0; v--) {
    const ch = tree.children[v]!;
    let s: Subspace = ch.length === 0 ? ALL : NONE;
    for (const u of ch) if ((s = sum(s, S[u]!)).dim === 3) break;
    for (let c = 0; c < 4 && s.dim > 0; c++) if (reason[v * 4 + c] === SHOWN) s = kernelIn(s, CELL_FUNCTION[c]!);
    S[v] = s;
  }
  const A: Subspace[] = new Array<Subspace>(n);
  A[0] = S[0]!;
  for (let v = 0; v < n; v++) {
    const ch = tree.children[v]!;
    if (ch.length === 0) continue;
    // Σ S(siblings) for each child from prefix and suffix sums.
    const suffix: Subspace[] = new Array<Subspace>(ch.length + 1);
    suffix[ch.length] = NONE;
    for (let i = ch.length - 1; i >= 0; i--) suffix[i] = sum(S[ch[i]!]!, suffix[i + 1]!);
    let prefix: Subspace = NONE;
    ch.forEach((u, i) => {
      A[u] = intersect(S[u]!, sum(A[v]!, sum(prefix, suffix[i + 1]!)));
      prefix = sum(prefix, S[u]!);
    });
  }
  return { S, A };
}

/** Two of the three gender buckets of one selection, e.g. women + annat (= total − men). */
const PAIRS: readonly (readonly [Vec3, number, number])[] = [
  [[1, 1, 0], 1, 2],
  [[1, 0, 1], 1, 3],
  [[0, 1, 1], 2, 3],
];

/** Something the shown cells determine exactly: one linear function f of a node's change. */
export interface Determined {
  key: string;
  /** The node next to which a complement is looked for. */
  node: number;
  /** A hidden cell it involves, where the search for a complement starts. */
  hint: number;
  /** Whether it is still determined under other perturbation spaces (after hiding one more cell). */
  fixed(p: { S: Subspace[]; A: Subspace[] }): boolean;
}

/** The seven groups of gender buckets of one selection, as 0/1 vectors over (women, men, other). */
const BUCKET_GROUPS: readonly Vec3[] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [1, 1, 0],
  [1, 0, 1],
  [0, 1, 1],
  [1, 1, 1],
];

/**
 * Whether f·(change of child a) + g·(change of child b) is the same for every possible change, i.e.
 * that group of two sibling selections is determined. By duality it is exactly when some h ⊥ rest,
 * rest = A(parent) + Σ S(other children), has h·s = f·s on S(a) and h·s = g·s on S(b).
 */
function pairFixed(rest: Subspace, sa: Subspace, sb: Subspace, f: Vec3, g: Vec3): boolean {
  const rows: Vec3[] = [];
  const rhs: number[] = [];
  for (const x of basis(rest)) (rows.push(x), rhs.push(0));
  for (const x of basis(sa)) (rows.push(x), rhs.push(x[0] * f[0] + x[1] * f[1] + x[2] * f[2]));
  for (const x of basis(sb)) (rows.push(x), rhs.push(x[0] * g[0] + x[1] * g[1] + x[2] * g[2]));
  return consistent(rows, rhs);
}

/** A(v) + Σ S(children of v) except positions i and j, for the given prefix and suffix sums. */
function restOf(p: { S: Subspace[]; A: Subspace[] }, tree: Tree, v: number, i: number, j: number): Subspace {
  let rest = p.A[v]!;
  tree.children[v]!.forEach((u, x) => {
    if (x !== i && x !== j && rest.dim < 3) rest = sum(rest, p.S[u]!);
  });
  return rest;
}

export function determined(tree: Tree, values: Float64Array, reason: Uint8Array, k: number): Determined[] {
  const p = perturbations(tree, reason);
  const A = p.A;
  const out: Determined[] = [];
  for (let v = 0; v < tree.keys.length; v++) {
    for (let c = 0; c < 4; c++) {
      const cell = v * 4 + c;
      const f = CELL_FUNCTION[c]!;
      if (reason[cell] !== SHOWN && fixedBy(A[v]!, f))
        out.push({ key: `c${cell}`, node: v, hint: cell, fixed: (q) => fixedBy(q.A[v]!, f) });
    }
    for (const [f, a, b] of PAIRS) {
      const value = values[v * 4 + a]! + values[v * 4 + b]!;
      if (value <= 0 || value >= k || (reason[v * 4 + a] === SHOWN && reason[v * 4 + b] === SHOWN)) continue;
      if (fixedBy(A[v]!, f))
        out.push({
          key: `p${v}:${a}${b}`,
          node: v,
          hint: reason[v * 4 + a] !== SHOWN ? v * 4 + a : v * 4 + b,
          fixed: (q) => fixedBy(q.A[v]!, f),
        });
    }
    // Groups across two sibling selections: some gender buckets of one plus some of the other
    // (e.g. annat in two rounds together), when they count 1..k−1 and involve a hidden cell.
    const ch = tree.children[v]!;
    if (ch.length < 2) continue;
    const parts = ch.map((u) =>
      BUCKET_GROUPS.flatMap((f) => {
        const value = f[0] * values[u * 4 + 1]! + f[1] * values[u * 4 + 2]! + f[2] * values[u * 4 + 3]!;
        const hidden = [1, 2, 3].find((c) => f[c - 1] === 1 && reason[u * 4 + c] !== SHOWN);
        return value < k && hidden !== undefined ? [{ u, f, value, hint: u * 4 + hidden }] : [];
      }),
    );
    // rest(i, j) = A(v) + Σ S except children i and j, from prefix, middle and suffix sums: O(1) each.
    // When it is all of R³, only h = 0 is left, and the pair is determined only if each part is on
    // its own, which the checks of single selections above already cover.
    const suffix: Subspace[] = new Array<Subspace>(ch.length + 1);
    suffix[ch.length] = NONE;
    for (let i = ch.length - 1; i >= 0; i--) suffix[i] = sum(p.S[ch[i]!]!, suffix[i + 1]!);
    let prefix: Subspace = NONE;
    for (let i = 0; i < ch.length; i++) {
      let middle: Subspace = NONE;
      for (let j = i + 1; j < ch.length; j++) {
        if (j > i + 1) middle = sum(middle, p.S[ch[j - 1]!]!);
        if (parts[i]!.length === 0 || parts[j]!.length === 0) continue;
        const rest = sum(A[v]!, sum(prefix, sum(middle, suffix[j + 1]!)));
        if (rest.dim === 3) continue;
        for (const x of parts[i]!)
          for (const y of parts[j]!) {
            const value = x.value + y.value;
            if (value <= 0 || value >= k || !pairFixed(rest, p.S[x.u]!, p.S[y.u]!, x.f, y.f)) continue;
            const [i0, j0] = [i, j];
            out.push({
              key: `s${x.u}:${x.f.join('')}+${y.u}:${y.f.join('')}`,
              node: x.u,
              hint: x.hint,
              fixed: (q) => pairFixed(restOf(q, tree, v, i0, j0), q.S[x.u]!, q.S[y.u]!, x.f, y.f),
            });
          }
      }
      prefix = sum(prefix, p.S[ch[i]!]!);
    }
  }
  return out;
}
