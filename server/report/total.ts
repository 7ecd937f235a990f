// The total section of the merged report: "Hela förbundet" (every insats together, archived ones
// included, as in the annual report's total table) or a group of insatser counted together
// (docs/domain.md "Grupper av insatser", "Förbundets total").
import type { Db } from '../db/database.js';
import type { Config } from '../config.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { outcomeReport, type OutcomeReport } from '../outcomes/report.js';
import { indicatorsFor, instrumentsInPeriod, type SelectionResult } from '../indicators/service.js';
import type { DisclosureCache } from '../indicators/disclosure.js';
import type { GroupRef } from '../survey/insatsGroups.js';
import type { Period } from './periods.js';

export const WHOLE_FORBUND = 'Hela förbundet';

export interface ReportTotal {
  /** "Hela förbundet", or the group's name. */
  label: string;
  /** The group's name, or null for the whole förbund. */
  group: string | null;
  outcomes: OutcomeReport;
  /**
   * The indicators per questionnaire for all insatser together (whole-year periods, like each
   * insats's). Empty for a group: indicator results for a group are not published yet, since a group
   * is not a node of the disclosure hierarchy (docs/disclosure.md).
   */
  surveys: SelectionResult[];
}

type Deps = { db: Db; config: Config; surveys: SurveyRegistry };

/** `cache` shares one disclosure decision per questionnaire with the insats sections of the report. */
export async function reportTotal(deps: Deps, period: Period, group: GroupRef | null, cache: DisclosureCache): Promise<ReportTotal> {
  const outcomes = await outcomeReport(deps.db, { period, group, codebook: deps.config.codebook, minCell: deps.config.minCell });
  const surveys: SelectionResult[] = [];
  if (group === null)
    for (const instrument of await instrumentsInPeriod(deps.db, period, null))
      surveys.push(await indicatorsFor(deps.db, deps.surveys, { period, insats: null, instrument }, deps.config.minCell, { cache }));
  return { label: group?.name ?? WHOLE_FORBUND, group: group?.name ?? null, outcomes, surveys };
}
