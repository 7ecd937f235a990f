import { describe, expect, it } from 'vitest';
import {
  hiddenReason,
  decideDisclosure,
  effectiveMinCell,
  isBelowMinCell,
  RESPONDENTS,
  type MeasureInput,
} from '../../analysis/disclosure.js';

const few5 = hiddenReason(5);

/** A tree from insatser → rounds → [women, men, other]. */
function decide(
  insatser: [number, number, number][][],
  k = 5,
  extra: Omit<MeasureInput, 'counts'>[] = [],
  extraCounts: [number, number, number][][][] = [],
) {
  const rounds: { id: number; insatsId: number }[] = [];
  const counts = new Map<number, [number, number, number]>();
  let id = 1;
  insatser.forEach((rs, i) => rs.forEach((c) => (rounds.push({ id, insatsId: i + 1 }), counts.set(id++, c))));
  const measures: MeasureInput[] = [{ id: RESPONDENTS, counts }];
  extra.forEach((m, j) => {
    const c = new Map<number, [number, number, number]>();
    let rid = 1;
    extraCounts[j]!.forEach((rs) => rs.forEach((x) => c.set(rid++, x)));
    measures.push({ ...m, counts: c });
  });
  return decideDisclosure({ rounds, measures, minCell: k });
}

describe('effectiveMinCell', () => {
  it('is the configured k but never below 3', () => {
    expect([5, 10, 3, 2, 0, -4, Number.NaN].map(effectiveMinCell)).toEqual([5, 10, 3, 3, 3, 3, 3]);
    expect(isBelowMinCell(0, 5)).toBe(false);
    expect(isBelowMinCell(4, 5)).toBe(true);
    expect(isBelowMinCell(5, 5)).toBe(false);
    expect(isBelowMinCell(2, 1)).toBe(true);
  });
});

describe('decideDisclosure', () => {
  it('hides one annat answer and the smaller of women and men, keeping the total', () => {
    // 10 women, 11 men, 1 annat: 22 − 10 − 11 would give the annat answer away.
    const d = decide([[[10, 11, 1]]]);
    expect(d.cell(RESPONDENTS, 'all', 'total')).toEqual({ n: 22, suppressed: false, reason: null });
    expect(d.cell(RESPONDENTS, 'all', 'other')).toEqual({ n: null, suppressed: true, reason: few5 });
    expect(d.cell(RESPONDENTS, 'all', 'women')).toEqual({ n: null, suppressed: true, reason: few5 });
    expect(d.cell(RESPONDENTS, 'all', 'men')).toEqual({ n: 11, suppressed: false, reason: null });
  });

  it('hides the next smallest round when one round of an insats is small, the insats figure stays', () => {
    const d = decide([
      [
        [1, 1, 0],
        [5, 5, 0],
        [3, 4, 0],
      ],
    ]);
    const total = (node: string) => d.cell(RESPONDENTS, node, 'total').n;
    expect(total('insats:1')).toBe(19);
    expect(total('round:1')).toBeNull();
    expect(total('round:3')).toBeNull(); // 7 < 10: the next smallest
    expect(total('round:2')).toBe(10);
  });

  it('hides the next smallest insats when one insats is small, the förbund figure stays', () => {
    const d = decide([[[1, 1, 0]], [[6, 6, 0]], [[9, 9, 0]]]);
    expect(d.cell(RESPONDENTS, 'all', 'total').n).toBe(32);
    expect(d.cell(RESPONDENTS, 'insats:1', 'total').n).toBeNull();
    expect(d.cell(RESPONDENTS, 'insats:2', 'total').n).toBeNull();
    expect(d.cell(RESPONDENTS, 'insats:3', 'total').n).toBe(18);
  });

  it('gives a one-round insats and its round the same cells', () => {
    const d = decide([[[7, 2, 0]], [[8, 8, 0]]]);
    for (const col of ['total', 'women', 'men', 'other'] as const)
      expect(d.cell(RESPONDENTS, 'insats:1', col)).toEqual(d.cell(RESPONDENTS, 'round:1', col));
  });

  it('hides a question wherever its respondents are hidden, and a follow-up wherever its question is', () => {
    const d = decide(
      [[[10, 11, 1]]],
      5,
      [
        { id: 'q', parent: RESPONDENTS },
        { id: 'follow', parent: 'q' },
      ],
      [[[[9, 11, 1]]], [[[6, 0, 0]]]],
    );
    expect(d.cell('q', 'all', 'women').suppressed).toBe(true);
    expect(d.cell('q', 'all', 'other').suppressed).toBe(true);
    // Follow-up: the men's 0 is shown in the question it follows, so it may be shown here too;
    // the women's and annat cells are hidden with the question's.
    expect(d.cell('follow', 'all', 'women')).toMatchObject({ n: null, suppressed: true });
    expect(d.cell('follow', 'all', 'other')).toMatchObject({ n: null, suppressed: true });
  });

  it('decides the same way for the same input (deterministic)', () => {
    const input: [number, number, number][][] = [
      [
        [3, 4, 1],
        [6, 2, 0],
      ],
      [[9, 9, 2]],
    ];
    const a = decide(input);
    const b = decide(input);
    for (const node of ['all', 'insats:1', 'insats:2', 'round:1', 'round:2', 'round:3'])
      for (const col of ['total', 'women', 'men', 'other'] as const)
        expect(a.cell(RESPONDENTS, node, col)).toEqual(b.cell(RESPONDENTS, node, col));
  });

  it('treats unknown nodes and measures as empty', () => {
    const d = decide([[[6, 6, 0]]]);
    expect(d.has('insats:9')).toBe(false);
    expect(d.cell(RESPONDENTS, 'insats:9', 'total')).toEqual({ n: 0, suppressed: false, reason: null });
  });
});
