// Plain input types for the chart configuration builders in ./configs.ts.
//
// They are deliberately small and generic: an adapter turns indicator/outcome results (already
// rounded and suppressed by analysis/, docs/rules.md) into one of these. The builders never compute
// or round shares themselves and never decide suppression: a `percent` of null means "not shown".

/** Common header of every chart. */
export interface ChartHeader {
  /** Main title, e.g. "Deltagarenkät vid avslut, FINSAM-team 2024". */
  title: string;
  /** Optional second line(s) under the title, e.g. period or respondent group. */
  subtitle?: string | string[];
  /**
   * The anonymity threshold used when the numbers were suppressed (docs/rules.md; default 5). Only
   * used for the text "färre än k svar"; the builders do not suppress anything themselves.
   */
  k?: number;
}

/** One percentage with its base. `percent` null = suppressed (or no answers when n is 0). */
export interface ShareValue {
  /** Substantive answers (the denominator). Null when it must not be shown either. */
  n: number | null;
  /** Whole percent 0–100, already rounded; null when suppressed. */
  percent: number | null;
}

/** One bar: a question (or other category) with its share. */
export interface ShareItem extends ShareValue {
  /** Axis label, e.g. the question text. Long texts are wrapped at about 40 characters. */
  label: string;
}

/** 1. Share positive per question. */
export interface SharePositiveChartInput extends ChartHeader {
  items: ShareItem[];
  /** Value-axis title; default "Andel positiva svar (%)". */
  axisTitle?: string;
}

/** 2. Answer distribution per question (100 % stacked). */
export interface DistributionChartInput extends ChartHeader {
  /** The substantive scale steps in order, e.g. ["Aldrig", "Sällan", "Ibland", "Ofta", "Alltid"]. */
  steps: string[];
  items: Array<{
    label: string;
    n: number | null;
    /** One whole percent per step (largest remainder, sums to 100); null when suppressed. */
    percents: number[] | null;
  }>;
}

/** Several series of shares per item (grouped bars). */
export interface GroupedShareItem {
  label: string;
  /** One value per series, in the series' order. */
  values: ShareValue[];
}

/** 3. Share positive by gender per question. */
export interface GenderShareChartInput extends ChartHeader {
  items: Array<{
    label: string;
    kvinnor: ShareValue;
    man: ShareValue;
    /** annat/ej angivet/blank; the series is drawn when any item has n > 0 here. */
    annat?: ShareValue;
  }>;
  axisTitle?: string;
}

/** 4. Share positive per question for two or more years (or rounds). */
export interface YearOverYearChartInput extends ChartHeader {
  /** Series names in chronological order, e.g. [2023, 2024]. */
  years: Array<string | number>;
  items: GroupedShareItem[];
  axisTitle?: string;
}

/** Counts per gender bucket. Null = suppressed (shown as "–"). */
export interface GenderCounts {
  kvinnor: number | null;
  man: number | null;
  /** annat/ej angivet; the series is drawn when any category has a value > 0 or null here. */
  annat?: number | null;
}

/** One bar of a stacked gender chart. */
export interface GenderCountCategory extends GenderCounts {
  /** E.g. the end reason ("Arbete") or the insats name. */
  label: string;
  /** Shown at the end of the bar; defaults to the sum when no value is suppressed. */
  total?: number | null;
}

/** 5. End reasons by gender; categories in code-book order. */
export interface EndReasonsByGenderChartInput extends ChartHeader {
  reasons: GenderCountCategory[];
}

/** 6. Participant flow during one year. Null = not shown ("–"). */
export interface ParticipantFlowChartInput extends ChartHeader {
  inskrivnaFranForegaendeAr: number | null;
  nyaUnderAret: number | null;
  totaltDeltagit: number | null;
  avslutade: number | null;
  pagaendeVidArsSlut: number | null;
}

/** 7. Starters (new participants) per insats and gender. */
export interface StartersByInsatsChartInput extends ChartHeader {
  insatser: GenderCountCategory[];
}

/** 8. Response rate per survey round. */
export interface ResponseRateChartInput extends ChartHeader {
  rounds: Array<{
    /** E.g. "Personalenkät 2024" or "Deltagare avslut H1 2024". */
    label: string;
    /** Completed responses; null when hidden by the disclosure control. */
    responded: number | null;
    /** Invited; null when not registered. */
    invited: number | null;
    /** Whole percent, already rounded; null when not shown. */
    percent: number | null;
  }>;
}

/** 9. Means and medians per group (time in the insats, age at start), one decimal, already rounded. */
export interface SummaryChartInput extends ChartHeader {
  /** Value-axis title, e.g. "Månader". */
  axisTitle: string;
  /** The unit in value labels, e.g. "mån." or "år". */
  unit: string;
  groups: Array<{
    label: string;
    /** The group's n (always shown). */
    n: number;
    /** Null when hidden (n below k) or n = 0. */
    mean: number | null;
    median: number | null;
  }>;
}

/** 10. A series over consecutive periods: one bar group per period, one bar per series. */
export interface PeriodSeriesChartInput extends ChartHeader {
  /** Short period labels, oldest first, e.g. ["2023 H1", "2023 H2", "2024 H1"]. */
  periods: string[];
  unit: 'count' | 'percent';
  axisTitle: string;
  series: Array<{
    name: string;
    colour: string;
    /** One per period: a count, or a percent with its n; null = hidden. */
    values: Array<{ value: number | null; n?: number | null }>;
  }>;
}
