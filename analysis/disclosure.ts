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

import { buildTree, cellValues, COMPLEMENT, pickComplement, SHOWN, TOO_FEW, type Tree } from './disclosureTree.js';
import { determined, perturbations, type Determined } from './disclosureExact.js';

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
  /**
   * For a period shorter than the calendar years around it: the same rounds' counts in those years
   * outside the period. A cell whose remainder is 1 to k−1 is hidden, since the years' own figures
   * minus this period's would show it (docs/disclosure.md "Perioder").
   */
  remainder?: ReadonlyMap<number, readonly [number, number, number]>;
  /**
   * For a period other than one whole calendar year: the cells ("<node>|<column index>") hidden in
   * the decision of any calendar year the period touches. They are hidden here too, as if too small,
   * so that the period's figures (with the other periods of those years) cannot rebuild a year's
   * hidden cell (docs/disclosure.md "Perioder").
   */
  hiddenInYears?: ReadonlySet<string>;
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
  /** Every hidden cell of a measure, as "<node>|<column index>" (for the periods inside this one's years). */
  hiddenCells(measure: string): string[];
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

function applyRules(tree: Tree, values: Float64Array, k: number, inherited: Uint8Array | null, start?: Uint8Array): Uint8Array {
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
  for (let changed = true; changed;) {
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
    decided.set(m.id, { values, reason: suppressMeasure(tree, values, k, hiddenByRemainder(tree, m, k, parent?.reason ?? null)) });
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
    hiddenCells(measure) {
      const d = decided.get(measure);
      const out: string[] = [];
      d?.reason.forEach((r, i) => {
        if (r !== SHOWN) out.push(`${tree.keys[Math.floor(i / 4)]}|${i % 4}`);
      });
      return out;
    },
  };
}

/**
 * The cells hidden before the rules run: the parent measure's hidden cells, cells whose remainder in
 * the surrounding years is 1 to k−1, and cells hidden in the decision of a year the period touches.
 */
function hiddenByRemainder(tree: Tree, m: MeasureInput, k: number, inherited: Uint8Array | null): Uint8Array | null {
  if (!m.remainder && !m.hiddenInYears?.size) return inherited;
  const out = inherited ? Uint8Array.from(inherited) : new Uint8Array(tree.keys.length * 4);
  if (m.remainder) {
    const rest = cellValues(tree, m.remainder);
    for (let i = 0; i < rest.length; i++) if (rest[i]! > 0 && rest[i]! < k && out[i] === SHOWN) out[i] = TOO_FEW;
  }
  if (m.hiddenInYears?.size)
    tree.keys.forEach((node, v) => {
      for (let c = 0; c < 4; c++) if (m.hiddenInYears!.has(`${node}|${c}`) && out[v * 4 + c] === SHOWN) out[v * 4 + c] = TOO_FEW;
    });
  return out;
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
