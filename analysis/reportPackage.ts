// What the report download holds (docs/operations.md "Rapporten som en fil"): the report's tables in
// order, each with a numbered caption ("Tabell 5 Avslutsorsaker 2024 – FINSAM-team") and a file name
// that carries period, insats and questionnaire. Pure: the merged report in, the list out; the DOCX,
// XLSX and ZIP writers only lay it out.
import type { Table } from './csv.js';
import type { OutcomeReport } from './outcomes.js';
import type { IndicatorResult } from './indicators.js';
import { slugify } from './slug.js';
import { indicatorTable, responseRateTable, targetsTable, type RoundRateRow, type TargetRow } from './reportTables.js';
import { backgroundTable, endReasonsTable, flowTable, referrersTable, timeInInsatsTable, workOrStudiesTable } from './outcomeTables.js';

export interface PackageTable {
  /** "Tabell 3 Avslutsorsaker 2024 – FINSAM-team". */
  caption: string;
  /** The section it belongs to: "Hela förbundet" or an insats. */
  section: string;
  /** ASCII file name without extension: "2024-finsam-team-avslutsorsaker". */
  fileBase: string;
  table: Table;
}

interface SurveyLike extends IndicatorResult {
  selection: { instrument: string; title: string };
  rounds: RoundRateRow[];
}

interface SectionLike {
  name: string;
  outcomes: OutcomeReport;
  surveys: readonly SurveyLike[];
  targets?: readonly TargetRow[];
}

/** Every table of the report, numbered in order: the förbund total first, then each insats. */
export function packageTables(periodKey: string, periodLabel: string, sections: readonly SectionLike[]): PackageTable[] {
  const out: PackageTable[] = [];
  const used = new Set<string>();
  const add = (section: string, title: string, parts: string[], table: Table) => {
    if (table.rows.length === 0) return;
    let base = [slugify(periodKey.replace('..', '-')), ...parts.map((p) => slugify(p))].join('-');
    for (let i = 2; used.has(base); i++) base = `${base}-${i}`;
    used.add(base);
    out.push({ caption: `Tabell ${out.length + 1} ${title} ${periodLabel} – ${section}`, section, fileBase: base, table });
  };
  for (const s of sections) {
    const o = s.outcomes;
    if (s.targets && s.targets.length) add(s.name, 'Förväntat resultat och utfall', [s.name, 'mal'], targetsTable(s.targets));
    if (o.flow.participated > 0) {
      add(s.name, 'Deltagare', [s.name, 'deltagare'], flowTable(o));
      if (o.endedTotal.total > 0) {
        add(s.name, 'Avslutsorsaker', [s.name, 'avslutsorsaker'], endReasonsTable(o));
        add(s.name, 'Avslut till arbete eller studier', [s.name, 'arbete-studier'], workOrStudiesTable(o));
        add(s.name, 'Tid i insatsen', [s.name, 'tid-i-insatsen'], timeInInsatsTable(o));
      }
      if (o.referrers.length) add(s.name, 'Anmälande part bland nya deltagare', [s.name, 'anmalande-part'], referrersTable(o));
      for (const [key, title] of [
        ['education', 'Utbildning bland nya deltagare'],
        ['ageGroup', 'Ålder vid start bland nya deltagare'],
        ['timeWithoutWork', 'Tid utan arbete eller studier bland nya deltagare'],
        ['residence', 'Boende bland nya deltagare'],
      ] as const)
        if (o.background[key].length) add(s.name, title, [s.name, key], backgroundTable(o, key));
    }
    for (const survey of s.surveys) {
      const q = survey.selection;
      if (survey.rounds.length)
        add(s.name, `Svarsfrekvens, ${q.title}`, [s.name, q.instrument, 'svarsfrekvens'], responseRateTable(survey.rounds));
      add(s.name, `${q.title}: andel positiva svar`, [s.name, q.instrument, 'indikatorer'], indicatorTable(survey));
    }
  }
  return out;
}
