// Yearly counts of the förbund's events for the annual report's structural section (docs/rules.md
// "Händelser"): how many events of each kind, and how many took part, by gender where known.
// Participant counts are the kansli's own headcounts of public events, not survey answers, so no
// suppression applies; an event without gender counts adds only to the total. Pure.

export interface EventLike {
  heldOn: string;
  kind: string;
  women: number | null;
  men: number | null;
  other: number | null;
  total: number | null;
}

export interface EventYear {
  year: number;
  events: number;
  byKind: { kind: string; events: number; participants: number }[];
  /** Sum of the totals known. */
  participants: number;
  /** Sums over the events whose gender split is known. */
  women: number;
  men: number;
  other: number;
  /** Events that have a total but no gender split. */
  withoutGender: number;
}

export function summariseEvents(events: readonly EventLike[]): EventYear[] {
  const years = new Map<number, EventYear>();
  for (const e of events) {
    const year = Number(e.heldOn.slice(0, 4));
    let y = years.get(year);
    if (!y) years.set(year, (y = { year, events: 0, byKind: [], participants: 0, women: 0, men: 0, other: 0, withoutGender: 0 }));
    y.events++;
    y.participants += e.total ?? 0;
    if (e.women !== null && e.men !== null) {
      y.women += e.women;
      y.men += e.men;
      y.other += e.other ?? 0;
    } else if (e.total !== null) y.withoutGender++;
    let k = y.byKind.find((x) => x.kind === e.kind);
    if (!k) y.byKind.push((k = { kind: e.kind, events: 0, participants: 0 }));
    k.events++;
    k.participants += e.total ?? 0;
  }
  return [...years.values()]
    .sort((a, b) => b.year - a.year)
    .map((y) => ({ ...y, byKind: y.byKind.sort((a, b) => b.events - a.events || a.kind.localeCompare(b.kind, 'sv')) }));
}
