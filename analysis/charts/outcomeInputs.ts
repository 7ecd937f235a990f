// Adapters from the outcome report (the participant register) to the chart builders' inputs.
import type { OutcomeReport } from '../outcomes.js';
import { nLabel, subtitle, type ChartText } from './adapters.js';
import type { EndReasonsByGenderChartInput, ParticipantFlowChartInput, StartersByInsatsChartInput } from './types.js';

// ---------------------------------------------------------------------------------------------
// 5. End reasons by gender

/** End reasons in code-book order (reasons outside the code book last, as in the report). */
export function endReasonsByGenderInput(report: OutcomeReport, text: ChartText = {}): EndReasonsByGenderChartInput {
  return {
    title: text.title ?? 'Avslutsorsaker per kön',
    subtitle: subtitle(text, `${nLabel(report.endedTotal.total)} avslutade deltagare`),
    k: report.minCell,
    reasons: report.endReasons
      .filter((r) => r.inCodebook || r.total > 0)
      .map((r) => ({
        label: r.inCodebook ? r.reason : `${r.reason} (finns inte i kodboken)`,
        kvinnor: r.women,
        man: r.men,
        annat: r.other,
        total: r.total,
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// 6. Participant flow

export function participantFlowInput(report: OutcomeReport, text: ChartText = {}): ParticipantFlowChartInput {
  const f = report.flow;
  return {
    title: text.title ?? `Deltagare ${report.period.label}`,
    subtitle: subtitle(text, `${nLabel(f.participated)} deltagare under perioden`),
    k: report.minCell,
    inskrivnaFranForegaendeAr: f.carriedOver,
    nyaUnderAret: f.started,
    totaltDeltagit: f.participated,
    avslutade: f.ended,
    pagaendeVidArsSlut: f.ongoingAtEnd,
  };
}

// ---------------------------------------------------------------------------------------------
// 7. Starters by insats and gender

/** One bar per report (per insats; a report for all insatser is labelled "Alla insatser"). */
export function startersByInsatsInput(reports: readonly OutcomeReport[], text: ChartText = {}): StartersByInsatsChartInput {
  const total = reports.reduce((a, r) => a + r.flow.started, 0);
  return {
    title: text.title ?? 'Nya deltagare per insats och kön',
    subtitle: subtitle(text, `${nLabel(total)} nya deltagare`),
    k: reports[0]?.minCell,
    insatser: reports.map((r) => ({
      label: r.insats ?? 'Alla insatser',
      kvinnor: r.flow.byGender.women.started,
      man: r.flow.byGender.men.started,
      annat: r.flow.byGender.other.started,
      total: r.flow.started,
    })),
  };
}
