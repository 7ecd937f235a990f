// A small hand-made IndicatorResult for the export tests.
import type { IndicatorResult, QuestionResult, Cell } from '../../../analysis/indicators.js';
import { hiddenReason } from '../../../analysis/disclosure.js';

export function cell(n: number, percent: number | null, suppressed = false, reason: string | null = null): Cell {
  return { n, positive: percent === null ? null : Math.round((n * percent) / 100), percent, suppressed, reason, ci95: null };
}

export function question(over: Partial<QuestionResult> & { id: string; text: string }): QuestionResult {
  return {
    type: 'scale',
    role: over.type === 'single' ? 'background' : 'indicator',
    scale: 'frekvens',
    n: 0,
    positive: null,
    percent: null,
    suppressed: false,
    reason: null,
    ci95: null,
    dontKnow: 0,
    distribution: [],
    byGender: { women: cell(0, null), men: cell(0, null), other: cell(0, null) },
    previous: null,
    ...over,
  };
}

/** A small hand-made result: one shown question, one hidden (n < k), one with a hidden gender cell. */
export const handMade: IndicatorResult = {
  respondents: 14,
  respondentsByGender: { women: 8, men: 4, other: 2 },
  minCell: 5,
  responseRate: { respondents: 14, invited: 20, percent: 70 },
  suppressed: false,
  questions: [
    question({
      id: 'nytta',
      text: 'Har du fått stöd på ett sätt som är till stor nytta för dig?',
      n: 13,
      positive: 10,
      percent: 77,
      ci95: [49.7, 91.8],
      dontKnow: 1,
      distribution: [
        { value: '1', label: 'Aldrig', count: 1, percent: 8 },
        { value: '2', label: 'Sällan', count: 2, percent: 15 },
        { value: '4', label: 'Ofta', count: 10, percent: 77 },
      ],
      byGender: { women: cell(8, 75), men: cell(4, null, true, hiddenReason(5)), other: cell(1, null, true, hiddenReason(5)) },
      previous: { n: 20, percent: 40, diffPoints: 37, fisherP: 0.0412345, significant: true },
    }),
    question({
      id: 'tid',
      text: 'Har du fått tillräckligt med tid i insatsen?',
      n: 3,
      suppressed: true,
      reason: hiddenReason(5),
      dontKnow: 0,
      distribution: [
        { value: '1', label: 'Aldrig', count: null, percent: null },
        { value: '2', label: 'Sällan', count: null, percent: null },
        { value: '4', label: 'Ofta', count: null, percent: null },
      ],
      byGender: { women: cell(2, null, true), men: cell(1, null, true), other: cell(0, null, true) },
    }),
    question({
      id: 'behov',
      type: 'yesno',
      scale: null,
      text: '=Behov av stöd?',
      n: 12,
      positive: 6,
      percent: 50,
      ci95: [25.4, 74.6],
      distribution: [
        { value: 'ja', label: 'Ja', count: 6, percent: 50 },
        { value: 'nej', label: 'Nej', count: 6, percent: 50 },
      ],
      byGender: { women: cell(6, 50), men: cell(6, 50, true, hiddenReason(5)), other: cell(0, null) },
    }),
  ],
};
