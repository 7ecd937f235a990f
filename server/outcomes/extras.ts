// The parts of the outcome report that come from the referrer code book and the register's extra
// columns (docs/import.md): the period's starters by member (Kommun, Region, …) and each stored
// variable among starters and among the ended, by gender. Asked for by the outcome page, its JSON
// and `finsam outcomes`; the merged report leaves them out to stay fast.
import type { Db } from '../db/database.js';
import type { DateRange } from './queries.js';
import { referrersByMember, variableCounts, type Population } from './variables.js';
import { tabulateVariable, type VariableDistribution } from '../../analysis/variables.js';
import type { MemberDistribution } from '../../analysis/referrers.js';
import { loadReferrerCodebook } from '../followup/referrerCodebook.js';

export interface ExtraVariable {
  name: string;
  started: VariableDistribution;
  ended: VariableDistribution;
}

export interface OutcomeExtras {
  /** The period's starters by the member their referrer belongs to. */
  referrersByMember: MemberDistribution;
  /** The register's extra columns (named variables), among starters and among the ended. */
  variables: ExtraVariable[];
}

export async function outcomeExtras(
  db: Db,
  period: DateRange,
  insatsIds: readonly number[] | null,
  options: { minCell: number; referrerCodebook: string | null | undefined },
): Promise<OutcomeExtras> {
  const codebook = loadReferrerCodebook(options.referrerCodebook);
  const names = (await db.all<{ name: string }>('SELECT DISTINCT name FROM episode_variables ORDER BY name COLLATE NOCASE')).map(
    (r) => r.name,
  );
  const table = async (name: string, population: Population) =>
    tabulateVariable(await variableCounts(db, { kind: 'variable', name }, period, insatsIds, population), {
      minCell: options.minCell,
    });
  const variables: ExtraVariable[] = [];
  for (const name of names) {
    const started = await table(name, 'started');
    const ended = await table(name, 'ended');
    if (started.total.count > 0 || ended.total.count > 0) variables.push({ name, started, ended });
  }
  return {
    referrersByMember: await referrersByMember(db, period, insatsIds, { minCell: options.minCell, codebook }),
    variables,
  };
}
