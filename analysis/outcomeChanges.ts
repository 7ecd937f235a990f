// The outcome report's shares compared with the same period a year earlier (docs/rules.md
// "Samma period föregående år"): work or studies (total, women, men) and each end reason's share of
// the ended. A difference is called a change only when Fisher's exact test (two-sided) gives
// p < 0.05, as for the indicators. Pure.
import { fisherExactTwoSided } from './stats.js';
import { reasonKey } from './outcomeDistributions.js';
import type { OutcomePeriodFigures, Share } from './outcomes.js';

export interface ShareChange {
  count: number;
  of: number;
  /** This period's share as shown (null when hidden). */
  percent: number | null;
  previousCount: number;
  previousOf: number;
  previousPercent: number | null;
  /** percent − previousPercent in percentage points; null unless both shares are shown. */
  diffPoints: number | null;
  /** Two-sided Fisher p of [[count, of − count], [previousCount, previousOf − previousCount]]; null unless both are shown. */
  fisherP: number | null;
  /** fisherP < 0.05; null unless both are shown. */
  significant: boolean | null;
}

export interface OutcomeChanges {
  workOrStudies: { total: ShareChange; women: ShareChange; men: ShareChange };
  /** In the report's order of end reasons, then reasons only the previous period has. */
  endReasons: Array<{ reason: string } & ShareChange>;
}

/** Both shares must be shown (their denominators at least k) before they are compared. */
export function shareChange(now: Share, before: Share): ShareChange {
  const comparable = now.percent !== null && before.percent !== null && now.of > 0 && before.of > 0;
  const fisherP = comparable ? fisherExactTwoSided(now.count, now.of - now.count, before.count, before.of - before.count) : null;
  return {
    count: now.count,
    of: now.of,
    percent: now.percent,
    previousCount: before.count,
    previousOf: before.of,
    previousPercent: before.percent,
    diffPoints: comparable ? now.percent! - before.percent! : null,
    fisherP,
    significant: fisherP === null ? null : fisherP < 0.05,
  };
}

export function compareWithPrevious(now: OutcomePeriodFigures, before: OutcomePeriodFigures): OutcomeChanges {
  const w = now.workOrStudies;
  const p = before.workOrStudies;
  // End reason shares are the distribution's own (largest remainder) percents, so the difference is
  // the one a reader computes from the two columns on the page.
  const prevByKey = new Map(before.endReasons.map((r) => [reasonKey(r.reason), r]));
  const seen = new Set<string>();
  const endReasons: OutcomeChanges['endReasons'] = [];
  const add = (reason: string, a: Share, b: Share) => endReasons.push({ reason, ...shareChange(a, b) });
  for (const r of now.endReasons) {
    const key = reasonKey(r.reason);
    seen.add(key);
    const prev = prevByKey.get(key);
    add(
      r.reason,
      { count: r.total, of: now.endedTotal.total, percent: r.percent },
      { count: prev?.total ?? 0, of: before.endedTotal.total, percent: prev ? prev.percent : zeroOrHidden(before) },
    );
  }
  for (const r of before.endReasons) {
    if (seen.has(reasonKey(r.reason))) continue;
    add(
      r.reason,
      { count: 0, of: now.endedTotal.total, percent: zeroOrHidden(now) },
      { count: r.total, of: before.endedTotal.total, percent: r.percent },
    );
  }
  return {
    workOrStudies: { total: shareChange(w.total, p.total), women: shareChange(w.women, p.women), men: shareChange(w.men, p.men) },
    endReasons,
  };
}

/** A reason absent from a period has share 0 there, when that period's shares are shown at all. */
function zeroOrHidden(figures: OutcomePeriodFigures): number | null {
  return figures.endReasons.some((r) => r.percent !== null) ? 0 : null;
}
