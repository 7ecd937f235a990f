// One disclosure control for everything the product publishes (docs/disclosure.md).
//
// The publishable selections of a (year, questionnaire) form a tree: the förbund total ⊃ each insats
// ⊃ each of its rounds, and each selection is split by gender (kvinna, man, annat/ej angivet). A
// "measure" is one count per selection × gender: the respondents, or one question's substantive
// answers. The decision is made once for the whole tree, so every page, CSV, JSON, chart and CLI
// output that looks its cells up here shows a set of numbers that is safe as a whole: no two
// outputs can be subtracted to reveal a hidden cell.
//
// Pure: counts in, a decision out. No I/O.

import { ALL, basis, consistent, fixedBy, intersect, kernelIn, NONE, sum, type Subspace, type Vec3 } from './subspace.js';

/** The configured minimum cell size, never below 3 whatever the configuration says. */
export function effectiveMinCell(k: number): number {
  if (!Number.isFinite(k)) return 3;
  return Math.max(3, Math.ceil(k));
}

/**
 * The one reason shown for every hidden cell. Primary and complementary cells are not told apart:
 * "too few" would say 1..k−1 and "complement" would say at least k, and such bounds together with a
 * shown total can pin a hidden cell down (docs/disclosure.md).
 */
export function hiddenReason(k: number): string {
  return `Dold för att skydda de svarandes anonymitet: färre än ${effectiveMinCell(k)} svar, eller så att en annan dold siffra inte kan räknas fram`;
}

/** A cell with 0 < n < k is too small to publish; an empty cell has nothing to protect. */
export function isBelowMinCell(n: number, k: number): boolean {
  return n > 0 && n < effectiveMinCell(k);
}

export type GenderColumn = 'total' | 'women' | 'men' | 'other';
export const GENDER_COLUMNS: readonly GenderColumn[] = ['total', 'women', 'men', 'other'];

/** One published cell after the decision: its n is null when the cell is hidden. */
export interface CellDecision {
  /** The count, or null when hidden (a hidden cell hides its n too). */
  n: number | null;
  suppressed: boolean;
  /** Swedish, shown next to a hidden figure; null when shown. */
  reason: string | null;
}

/** A node of the tree: 'all' (the förbund), `insats:<id>` or `round:<id>`. */
export type NodeKey = string;

export interface DisclosureRound {
  id: number;
  insatsId: number;
}

/** One measure's counts per round, as [women, men, other]. */
export interface MeasureInput {
  id: string;
  /** A measure whose hidden cells this one hides too (respondents for every question; a follow-up's parent question). */
  parent?: string | null;
  counts: ReadonlyMap<number, readonly [number, number, number]>;
}

export interface DisclosureInput {
  /** Rounds in a deterministic order (insats, then round); the order breaks ties between equal cells. */
  rounds: readonly DisclosureRound[];
  /** Measures; a parent measure must come before its children. */
  measures: readonly MeasureInput[];
  minCell: number;
}

export interface DisclosureDecision {
  k: number;
  /** Whether the node exists in the tree (a selection without rounds has none). */
  has(node: NodeKey): boolean;
  /** The published form of one cell; an unknown measure or node is an empty (0) cell. */
  cell(measure: string, node: NodeKey, column: GenderColumn): CellDecision;
}

// Reason codes per cell.
const SHOWN = 0;
const TOO_FEW = 1;
const COMPLEMENT = 2;

interface Tree {
  keys: NodeKey[];
  index: Map<NodeKey, number>;
  /** Children of each node (empty for rounds). */
  children: number[][];
  /** Node index of each round id. */
  roundNode: Map<number, number>;
  /** Equations over cell indexes (node * 4 + column): parent = Σ children. */
  equations: { parent: number; children: number[]; gender: boolean }[];
}

function buildTree(rounds: readonly DisclosureRound[]): Tree {
  const keys: NodeKey[] = ['all'];
  const index = new Map<NodeKey, number>([['all', 0]]);
  const children: number[][] = [[]];
  const roundNode = new Map<number, number>();
  for (const r of rounds) {
    const ik = `insats:${r.insatsId}`;
    let i = index.get(ik);
    if (i === undefined) {
      i = keys.length;
      keys.push(ik);
      index.set(ik, i);
      children.push([]);
      children[0]!.push(i);
    }
    const rk = `round:${r.id}`;
    if (index.has(rk)) continue;
    const n = keys.length;
    keys.push(rk);
    index.set(rk, n);
    children.push([]);
    children[i]!.push(n);
    roundNode.set(r.id, n);
  }
  const equations: Tree['equations'] = [];
  for (let v = 0; v < keys.length; v++) {
    // The gender split of every node: total = women + men + other.
    equations.push({ parent: v * 4, children: [v * 4 + 1, v * 4 + 2, v * 4 + 3], gender: true });
  }
  for (let v = 0; v < keys.length; v++) {
    if (children[v]!.length === 0) continue;
    for (let c = 0; c < 4; c++) {
      equations.push({ parent: v * 4 + c, children: children[v]!.map((u) => u * 4 + c), gender: false });
    }
  }
  return { keys, index, children, roundNode, equations };
}

/** Cell values of one measure: rounds from the input, every other node the sum of its children. */
function cellValues(tree: Tree, counts: MeasureInput['counts']): Float64Array {
  const values = new Float64Array(tree.keys.length * 4);
  for (const [roundId, node] of tree.roundNode) {
    const [w, m, o] = counts.get(roundId) ?? [0, 0, 0];
    values[node * 4 + 1] = w;
    values[node * 4 + 2] = m;
    values[node * 4 + 3] = o;
    values[node * 4] = w + m + o;
  }
  // Insatser are after the root and before their rounds only by creation order, so sum bottom-up.
  for (let v = tree.keys.length - 1; v >= 0; v--) {
    const ch = tree.children[v]!;
    if (ch.length === 0) continue;
    for (let c = 0; c < 4; c++) {
      let s = 0;
      for (const u of ch) s += values[u * 4 + c]!;
      values[v * 4 + c] = s;
    }
  }
  return values;
}

/**
 * The order in which a child is chosen as the complementary cell: in a gender split the annat
 * bucket first (keeping the women/men split), then the smaller of women and men; among rounds or
 * insatser the smallest; ties by the tree's order.
 */
function pickComplement(
  eq: Tree['equations'][number],
  values: Float64Array,
  reason: Uint8Array,
  exclude: number,
): number {
  let best = -1;
  let bestKey = Infinity;
  for (const cell of eq.children) {
    if (cell === exclude || reason[cell] !== SHOWN || values[cell]! <= 0) continue;
    const key = (eq.gender && cell % 4 !== 3 ? 1e12 : 0) + values[cell]!;
    if (key < bestKey) {
      bestKey = key;
      best = cell;
    }
  }
  return best;
}

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
function perturbations(tree: Tree, reason: Uint8Array): { S: Subspace[]; A: Subspace[] } {
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
interface Determined {
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

function determined(tree: Tree, values: Float64Array, reason: Uint8Array, k: number): Determined[] {
  const p = perturbations(tree, reason);
  const A = p.A;
  const out: Determined[] = [];
  for (let v = 0; v < tree.keys.length; v++) {
    for (let c = 0; c < 4; c++) {
      const cell = v * 4 + c;
      const f = CELL_FUNCTION[c]!;
      if (reason[cell] !== SHOWN && fixedBy(A[v]!, f)) out.push({ key: `c${cell}`, node: v, hint: cell, fixed: (q) => fixedBy(q.A[v]!, f) });
    }
    for (const [f, a, b] of PAIRS) {
      const value = values[v * 4 + a]! + values[v * 4 + b]!;
      if (value <= 0 || value >= k || (reason[v * 4 + a] === SHOWN && reason[v * 4 + b] === SHOWN)) continue;
      if (fixedBy(A[v]!, f))
        out.push({ key: `p${v}:${a}${b}`, node: v, hint: reason[v * 4 + a] !== SHOWN ? v * 4 + a : v * 4 + b, fixed: (q) => fixedBy(q.A[v]!, f) });
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

/**
 * Suppression of one measure, to a fixed point of three rules over every equation of the tree
 * (docs/disclosure.md): (1) a shown cell is 0 or ≥ k; (2) the hidden children of an equation sum to
 * 0 or ≥ k, so neither "parent − shown parts" nor any set of hidden parts is a small group; (3) no
 * equation has exactly one hidden non-empty cell, so no hidden cell is a difference of shown ones.
 * Where (2) or (3) fails, the next child is hidden (annat before women/men, else the smallest);
 * the equation's parent only when no child is left.
 */
function suppressMeasure(tree: Tree, values: Float64Array, k: number, inherited: Uint8Array | null): Uint8Array {
  const reason = applyRules(tree, values, k, inherited);
  // Then the exact check: while some hidden cell can still be computed from the shown ones, hide
  // one more cell next to it (a sibling in its column, else in its gender split, else a child).
  const accepted = new Set<string>();
  for (;;) {
    const found = determined(tree, values, reason, k).filter((d) => !accepted.has(d.key));
    if (found.length === 0) return reason;
    // Work through the whole list before scanning again (a scan is the costly part); an item that an
    // earlier pick already freed is skipped.
    let hid = false;
    for (const d of found) {
      if (hid && !d.fixed(perturbations(tree, reason))) continue;
      let pick = complementFor(tree, values, reason, d.hint);
      if (pick < 0) pick = widerComplementFor(tree, values, reason, d);
      if (pick < 0) {
        accepted.add(d.key); // nothing left to hide around it (all its neighbours are hidden or empty)
        continue;
      }
      reason[pick] = COMPLEMENT;
      applyRules(tree, values, k, null, reason);
      hid = true;
    }
  }
}

function complementFor(tree: Tree, values: Float64Array, reason: Uint8Array, cell: number): number {
  const v = Math.floor(cell / 4);
  const c = cell % 4;
  const eqs = tree.equations;
  const inColumn = eqs.find((e) => !e.gender && e.children.includes(cell));
  const genderSplit = eqs.find((e) => e.gender && (e.parent === cell || e.children.includes(cell)))!;
  const below = eqs.find((e) => !e.gender && e.parent === cell);
  for (const eq of [inColumn, genderSplit, below]) {
    if (!eq) continue;
    const pick = pickComplement(eq, values, reason, cell);
    if (pick >= 0) return pick;
    if (eq === genderSplit && c !== 0 && reason[v * 4] === SHOWN && values[v * 4]! > 0) return v * 4;
  }
  return -1;
}

/** Cells tried at most when no neighbour helps; keeps the worst case bounded. */
const MAX_TRIES = 64;

/**
 * When the neighbours of a determined cell are all hidden or empty, the nearest shown cell whose
 * hiding leaves it undetermined: sibling selections first, then the node's children, its parent and
 * the rest; smallest first. Each try is one O(nodes) check.
 */
function widerComplementFor(tree: Tree, values: Float64Array, reason: Uint8Array, found: Determined): number {
  const v = found.node;
  const parentOf = (u: number) => tree.children.findIndex((ch) => ch.includes(u));
  const p = parentOf(v);
  const siblings = new Set(p >= 0 ? tree.children[p] : [v]);
  const children = new Set(tree.children[v]);
  const rank = (i: number) => {
    const u = Math.floor(i / 4);
    const cls = siblings.has(u) ? 0 : children.has(u) ? 1 : u === p ? 3 : 2;
    return cls * 1e12 + (i % 4 === 0 ? 1e11 : 0) + values[i]!;
  };
  const candidates: number[] = [];
  for (let i = 0; i < values.length; i++) if (reason[i] === SHOWN && values[i]! > 0) candidates.push(i);
  candidates.sort((a, b) => rank(a) - rank(b) || a - b);
  for (const pick of candidates.slice(0, MAX_TRIES)) {
    reason[pick] = COMPLEMENT;
    const still = found.fixed(perturbations(tree, reason));
    reason[pick] = SHOWN;
    if (!still) return pick;
  }
  return -1;
}

function applyRules(
  tree: Tree,
  values: Float64Array,
  k: number,
  inherited: Uint8Array | null,
  start?: Uint8Array,
): Uint8Array {
  const reason = start ?? new Uint8Array(values.length);
  for (let i = 0; i < values.length && !start; i++) {
    const small = values[i]! > 0 && values[i]! < k;
    // An inherited cell is hidden even when empty: its 0 would tell something about the hidden parent.
    if (small) reason[i] = TOO_FEW;
    else if (inherited && inherited[i] !== SHOWN) reason[i] = inherited[i]!;
  }
  const hide = (cell: number) => {
    reason[cell] = COMPLEMENT;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const eq of tree.equations) {
      let hiddenSum = 0;
      let hiddenCells = 0;
      let lastHidden = -1;
      // Hidden empty cells count as hidden: they only arise by inheritance from a hidden parent
      // measure, so nobody can tell that they are empty.
      for (const c of eq.children) {
        if (reason[c] === SHOWN) continue;
        hiddenSum += values[c]!;
        hiddenCells++;
        lastHidden = c;
      }
      const parentHidden = reason[eq.parent] !== SHOWN;
      if (parentHidden) hiddenCells++;
      const smallSum = hiddenSum > 0 && hiddenSum < k;
      if (!smallSum && hiddenCells !== 1) continue;
      const pick = pickComplement(eq, values, reason, lastHidden);
      if (pick >= 0) hide(pick);
      else if (!parentHidden && values[eq.parent]! > 0) hide(eq.parent);
      else continue;
      changed = true;
    }
  }
  return reason;
}

/** Decides every cell of every measure of one (year, questionnaire) tree at once. */
export function decideDisclosure(input: DisclosureInput): DisclosureDecision {
  const k = effectiveMinCell(input.minCell);
  const tree = buildTree(input.rounds);
  const decided = new Map<string, { values: Float64Array; reason: Uint8Array }>();
  for (const m of input.measures) {
    const values = cellValues(tree, m.counts);
    const parent = m.parent ? decided.get(m.parent) : undefined;
    decided.set(m.id, { values, reason: suppressMeasure(tree, values, k, parent?.reason ?? null) });
  }
  const hidden = hiddenReason(k);
  return {
    k,
    has: (node) => tree.index.has(node),
    cell(measure, node, column) {
      const d = decided.get(measure);
      const v = tree.index.get(node);
      if (!d || v === undefined) return { n: 0, suppressed: false, reason: null };
      const i = v * 4 + GENDER_COLUMNS.indexOf(column);
      const r = d.reason[i]!;
      if (r === SHOWN) return { n: d.values[i]!, suppressed: false, reason: null };
      return { n: null, suppressed: true, reason: hidden };
    },
  };
}

/** The decision as seen from one selection (a node of the tree). */
export interface SelectionDisclosure {
  k: number;
  cell(measure: string, column: GenderColumn): CellDecision;
}

export function selectionView(decision: DisclosureDecision, node: NodeKey): SelectionDisclosure {
  return { k: decision.k, cell: (measure, column) => decision.cell(measure, node, column) };
}

/** The measure id of the respondent counts. */
export const RESPONDENTS = '@respondents';
