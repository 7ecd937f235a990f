// The tree of cells behind analysis/disclosure.ts: förbund ⊃ insatser ⊃ rounds, each with four cells
// (total, women, men, other), the equations between them, and the order in which a complementary
// cell is chosen. Pure.
import type { DisclosureRound, MeasureInput, NodeKey } from './disclosure.js';

// Reason codes per cell.
export const SHOWN = 0;
export const TOO_FEW = 1;
export const COMPLEMENT = 2;

export interface Tree {
  keys: NodeKey[];
  index: Map<NodeKey, number>;
  /** Children of each node (empty for rounds). */
  children: number[][];
  /** Node index of each round id. */
  roundNode: Map<number, number>;
  /** Equations over cell indexes (node * 4 + column): parent = Σ children. */
  equations: { parent: number; children: number[]; gender: boolean }[];
}

export function buildTree(rounds: readonly DisclosureRound[]): Tree {
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
export function cellValues(tree: Tree, counts: MeasureInput['counts']): Float64Array {
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
export function pickComplement(eq: Tree['equations'][number], values: Float64Array, reason: Uint8Array, exclude: number): number {
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
