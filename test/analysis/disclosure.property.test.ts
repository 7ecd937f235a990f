// Property tests of the disclosure decision (docs/disclosure.md) on random trees: förbund ⊃ insatser
// ⊃ rounds, each by gender. An attacker sees every shown cell of every selection at once and may
// combine them linearly; no group of 1..k−1 respondents may come out. Fixed seed, bounded runs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideDisclosure, GENDER_COLUMNS, type GenderColumn } from '../../analysis/disclosure.js';

const SEED = Number(process.env.DISCLOSURE_SEED ?? 20261123);
const RUNS = Number(process.env.DISCLOSURE_RUNS ?? 300);

interface Tree {
  k: number;
  /** insatser[i] = rounds of insats i, each [women, men, other]. */
  insatser: [number, number, number][][];
}

const treeArb: fc.Arbitrary<Tree> = fc.record({
  k: fc.integer({ min: 3, max: 5 }),
  insatser: fc.array(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 3 })), {
      minLength: 1,
      maxLength: 3,
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

interface Atomised {
  /** Cells as sets of atoms (round × gender), with their value and whether they are shown. */
  cells: { node: string; col: GenderColumn; atoms: number[]; value: number; shown: boolean }[];
  atomCount: number;
}

function decideTree(t: Tree): Atomised {
  const rounds: { id: number; insatsId: number }[] = [];
  const counts = new Map<number, [number, number, number]>();
  let id = 1;
  t.insatser.forEach((rs, i) =>
    rs.forEach((c) => {
      rounds.push({ id, insatsId: i + 1 });
      counts.set(id++, c);
    }),
  );
  const d = decideDisclosure({ rounds, measures: [{ id: 'm', counts }], minCell: t.k });
  const atomsOf = (roundIds: number[], col: GenderColumn) =>
    roundIds.flatMap((r) => (col === 'total' ? [0, 1, 2] : [GENDER_COLUMNS.indexOf(col) - 1]).map((g) => (r - 1) * 3 + g));
  const valueOf = (atoms: number[]) => atoms.reduce((s, a) => s + counts.get(Math.floor(a / 3) + 1)![a % 3]!, 0);
  const nodes: [string, number[]][] = [['all', rounds.map((r) => r.id)]];
  t.insatser.forEach((_, i) => nodes.push([`insats:${i + 1}`, rounds.filter((r) => r.insatsId === i + 1).map((r) => r.id)]));
  rounds.forEach((r) => nodes.push([`round:${r.id}`, [r.id]]));
  const cells = nodes.flatMap(([node, ids]) =>
    GENDER_COLUMNS.map((col) => {
      const atoms = atomsOf(ids, col);
      const c = d.cell('m', node, col);
      const value = valueOf(atoms);
      if (!c.suppressed) expect(c.n).toBe(value);
      else expect(c.n).toBeNull();
      return { node, col, atoms, value, shown: !c.suppressed };
    }),
  );
  return { cells, atomCount: rounds.length * 3 };
}

/** Whether vector `v` lies in the span of `rows` (Gaussian elimination on small integer vectors). */
function inSpan(rows: number[][], v: number[]): boolean {
  const basis: { pivot: number; row: number[] }[] = [];
  const reduce = (x: number[]) => {
    const r = x.slice();
    for (const b of basis) {
      const f = r[b.pivot]!;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < r.length; j++) r[j]! -= f * b.row[j]!;
    }
    return r;
  };
  for (const row of rows) {
    const r = reduce(row);
    const pivot = r.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot < 0) continue;
    const p = r[pivot]!;
    const norm = r.map((x) => x / p);
    for (const b of basis) {
      const f = b.row[pivot]!;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < norm.length; j++) b.row[j]! -= f * norm[j]!;
    }
    basis.push({ pivot, row: norm });
  }
  return reduce(v).every((x) => Math.abs(x) < 1e-9);
}

const small = (n: number, k: number) => n > 0 && n < k;

describe('the disclosure decision on random trees', () => {
  it('shows no cell and no difference of two nested shown cells with 1..k−1 respondents', () => {
    fc.assert(
      fc.property(treeArb, (t) => {
        const { cells } = decideTree(t);
        const shown = cells.filter((c) => c.shown);
        for (const a of shown) {
          expect(small(a.value, t.k)).toBe(false);
          const inA = new Set(a.atoms);
          for (const b of shown) {
            if (b === a || !b.atoms.every((x) => inA.has(x))) continue;
            expect(small(a.value - b.value, t.k), `${a.node}/${a.col} − ${b.node}/${b.col}`).toBe(false);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('lets no linear combination of shown cells give a hidden cell, two genders of a selection or a group of two sibling selections below k', () => {
    fc.assert(
      fc.property(treeArb, (t) => {
        const { cells, atomCount } = decideTree(t);
        const roundParent = new Map<string, string>();
        let rid = 1;
        t.insatser.forEach((rs, i) => rs.forEach(() => roundParent.set(`round:${rid++}`, `insats:${i + 1}`)));
        const vec = (atoms: number[]) => {
          const v = new Array<number>(atomCount).fill(0);
          for (const a of atoms) v[a] = 1;
          return v;
        };
        const rows = cells.filter((c) => c.shown).map((c) => vec(c.atoms));
        for (const c of cells.filter((x) => !x.shown && small(x.value, t.k)))
          expect(inSpan(rows, vec(c.atoms)), `${c.node}/${c.col} = ${c.value} can be derived`).toBe(false);
        // Groups across two sibling selections: any buckets of one plus any of the other.
        const buckets = (node: string) =>
          [['women'], ['men'], ['other'], ['women', 'men'], ['women', 'other'], ['men', 'other'], ['women', 'men', 'other']].map((cols) =>
            cols.map((col) => cells.find((c) => c.node === node && c.col === col)!),
          );
        const parentOf = (node: string) => (node.startsWith('round:') ? roundParent.get(node)! : node === 'all' ? null : 'all');
        const nodes = [...new Set(cells.map((c) => c.node))];
        for (const x of nodes)
          for (const y of nodes) {
            if (x >= y || parentOf(x) === null || parentOf(x) !== parentOf(y)) continue;
            for (const gx of buckets(x))
              for (const gy of buckets(y)) {
                const group = [...gx, ...gy];
                const value = group.reduce((s, c) => s + c.value, 0);
                if (!small(value, t.k)) continue;
                expect(
                  inSpan(rows, vec(group.flatMap((c) => c.atoms))),
                  `${x} ${gx.map((c) => c.col)} + ${y} ${gy.map((c) => c.col)} = ${value} can be derived`,
                ).toBe(false);
              }
          }
        // Two gender buckets of one selection (e.g. total − men) are a group too.
        for (const node of new Set(cells.map((c) => c.node))) {
          const of = (col: GenderColumn) => cells.find((c) => c.node === node && c.col === col)!;
          for (const [x, y] of [
            ['women', 'men'],
            ['women', 'other'],
            ['men', 'other'],
          ] as const) {
            const [a, b] = [of(x), of(y)];
            if (!small(a.value + b.value, t.k)) continue;
            expect(inSpan(rows, vec([...a.atoms, ...b.atoms])), `${node} ${x}+${y} can be derived`).toBe(false);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
