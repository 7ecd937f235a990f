// Targets (förväntat resultat) per insats and period: validation and storage. A target belongs to
// the period it was set for (its key: "2024", "2024-H1", "2022-09-01..2025-12-31", "sedan-start"),
// and is stated as a value, a band, a change against the same period a year earlier, or a gap that
// must shrink (docs/rules.md "Måluppfyllelse").
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { metricDefinition, metricKind, POPULATIONS, type MetricId, type MetricParams, type Population } from '../../analysis/targets.js';
import type { TargetMode } from '../../analysis/attainment.js';
import { UserError } from '../errors.js';
import { isIndicator } from '../../surveys/types.js';
import { rejectIdentityNumber } from '../followup/identityGuard.js';
import { parsePeriod, PeriodError, specKey } from '../../analysis/period.js';

/** An outcome entered by hand: a number (optionally "of" a total, giving a share) or a text such as "Okänt". */
export interface ManualOutcome {
  value: number | null;
  of: number | null;
  text: string | null;
  by: string | null;
  on: string;
}

export interface StoredTarget {
  id: number;
  insatsId: number;
  /** The period's key (analysis/period.ts). */
  period: string;
  /** The calendar year when the period is one, else null. */
  year: number | null;
  metric: MetricId;
  params: MetricParams;
  mode: TargetMode;
  direction: 'atLeast' | 'atMost';
  /** value: the target; band: its low end; change: the change. */
  value: number;
  valueHigh: number | null;
  changeUnit: 'points' | 'percent' | null;
  label: string | null;
  manual: ManualOutcome | null;
}

export interface TargetInput {
  insatsId: number;
  /** A period key ("2024-H1"), or a calendar year. */
  period: string | number;
  metric: string;
  params?: MetricParams;
  mode?: string;
  direction?: string;
  value: number;
  valueHigh?: number | null;
  changeUnit?: string | null;
  label?: string | null;
}

const MODES: readonly TargetMode[] = ['value', 'band', 'change', 'shrink'];

function cleanList(values: readonly string[] | undefined, what: string): string[] {
  const list = [...new Set((values ?? []).map((r) => r.normalize('NFC').trim().replace(/\s+/g, ' ')).filter(Boolean))];
  if (list.length === 0) throw new UserError(`Välj minst en ${what}.`);
  if (list.some((v) => v.length > 200)) throw new UserError(`En ${what} är för lång (högst 200 tecken).`);
  return list;
}

/** What a target is checked against besides the metric definitions and the questionnaires. */
export interface TargetContext {
  /** Member names of the referrer code book (docs/import.md), for referrer shares by member. */
  members?: readonly string[];
}

/** Checks a target against the metric definitions and the questionnaires; throws UserError in Swedish. */
export function validateTarget(
  input: TargetInput,
  surveys: SurveyRegistry,
  context: TargetContext = {},
): Omit<StoredTarget, 'id' | 'manual'> {
  const def = metricDefinition(input.metric);
  if (!def) throw new UserError(`Okänt mått "${input.metric}".`);
  const period = targetPeriod(input.period);
  const params: MetricParams = {};
  const given = input.params ?? {};
  if (def.needs.includes('population')) {
    // New targets on a gender share are among starters unless said otherwise: that is what the
    // plans mean by "andelen män som börjar insatsen".
    const population = (given.population ?? 'started') as Population;
    if (!POPULATIONS.includes(population))
      throw new UserError('Välj bland vilka andelen räknas: nya deltagare, alla deltagare eller avslutade.');
    params.population = population;
  }
  if (def.needs.includes('instrument')) {
    const q = given.instrument ? surveys.get(given.instrument) : undefined;
    if (!q) throw new UserError('Välj vilken enkät målet gäller.');
    params.instrument = q.id;
    if (def.needs.includes('question')) {
      const asked = q.questions.find((x) => x.id === given.question);
      if (asked && (asked.type === 'scale' || asked.type === 'yesno') && !isIndicator(asked))
        throw new UserError(
          `Frågan "${asked.text.slice(0, 80)}" är ingen kvalitetsindikator (den är en behovs- eller bakgrundsfråga) och har ingen andel positiva. Välj en annan fråga.`,
        );
      const question = asked && isIndicator(asked) ? asked : undefined;
      if (!question) throw new UserError(`Välj en fråga med svarsskala i enkäten "${q.title}".`);
      params.question = question.id;
    }
  }
  if (def.needs.includes('reasons')) params.reasons = cleanList(given.reasons, 'avslutsorsak');
  if (def.needs.includes('referrers')) {
    const members = (given.members ?? []).map((m) => m.trim()).filter(Boolean);
    if (members.length) {
      const known = context.members ?? [];
      const canonical = members.map((m) => known.find((k) => k.toLocaleLowerCase('sv') === m.toLocaleLowerCase('sv')));
      const unknown = members.filter((_, i) => !canonical[i]);
      if (unknown.length) throw new UserError(`Okänd medlem "${unknown[0]!.slice(0, 60)}". Välj bland: ${known.join(', ')}.`);
      params.members = [...new Set(canonical as string[])];
    }
    if ((given.referrers ?? []).some((r) => r.trim()) || !members.length)
      params.referrers = cleanList(given.referrers, 'anmälande part eller medlem');
  }
  if (def.needs.includes('of')) {
    if (given.of !== 'work-or-studies' && given.of !== 'reasons')
      throw new UserError('Välj vilken andel skillnaden mellan kvinnor och män gäller: arbete eller studier, eller vissa avslutsorsaker.');
    params.of = given.of;
    if (given.of === 'reasons') params.reasons = cleanList(given.reasons, 'avslutsorsak');
  }
  if (def.needs.includes('unit')) {
    if (given.unit !== 'count' && given.unit !== 'percent')
      throw new UserError('Välj om det egna måttet är ett antal eller en andel i procent.');
    params.unit = given.unit;
  }
  const kind = metricKind(def.id, params);

  const mode = (input.mode ?? (def.id === 'gender-gap' ? 'shrink' : 'value')) as TargetMode;
  if (!MODES.includes(mode))
    throw new UserError('Välj hur målet anges: ett värde, ett intervall, en förändring eller en skillnad som ska minska.');
  if (mode === 'shrink' && def.id !== 'gender-gap')
    throw new UserError('"Ska minska" går bara att välja för skillnaden mellan kvinnor och män.');
  if (mode === 'change' && def.id === 'manual')
    throw new UserError('Ett eget mått kan inte jämföras med föregående år: ange ett målvärde.');
  const value = mode === 'shrink' ? 0 : input.value;
  if (!Number.isFinite(value)) throw new UserError('Skriv målvärdet som ett tal, t.ex. 70 eller 65.');
  if (mode !== 'change' && def.id !== 'gender-gap' && value < 0) throw new UserError('Målet måste vara ett tal som är 0 eller större.');
  if (mode !== 'change' && kind === 'percent' && Math.abs(value) > 100) throw new UserError('Ett mål i procent kan inte vara över 100.');
  let valueHigh: number | null = null;
  if (mode === 'band') {
    valueHigh = input.valueHigh ?? null;
    if (valueHigh === null || !Number.isFinite(valueHigh)) throw new UserError('Ange intervallets övre gräns, t.ex. 40–60.');
    if (valueHigh < value)
      throw new UserError(`Intervallets övre gräns (${valueHigh}) är lägre än den undre (${value}). Skriv t.ex. 40–60.`);
    if (kind === 'percent' && valueHigh > 100) throw new UserError('Ett intervall i procent kan inte gå över 100.');
  }
  let changeUnit: 'points' | 'percent' | null = null;
  if (mode === 'change') {
    changeUnit = kind === 'count' ? 'percent' : input.changeUnit === 'percent' ? 'percent' : 'points';
    if (value === 0) throw new UserError('En förändring på 0 är inget mål. Skriv t.ex. +20 (procentenheter) eller −10.');
  }
  const direction = input.direction ?? 'atLeast';
  if (direction !== 'atLeast' && direction !== 'atMost') throw new UserError('Riktningen måste vara "minst" eller "högst".');
  const label = input.label?.trim() ? input.label.trim().slice(0, 200) : null;
  for (const text of [label, ...(params.reasons ?? []), ...(params.referrers ?? [])]) rejectIdentityNumber(text, 'Målets text');
  return {
    insatsId: input.insatsId,
    period,
    year: yearOfKey(period),
    metric: def.id,
    params,
    mode,
    direction,
    value,
    valueHigh,
    changeUnit,
    label,
  };
}

/** The canonical key of a target's period; a UserError for one that cannot be read. */
export function targetPeriod(input: string | number): string {
  try {
    return specKey(parsePeriod(String(input)));
  } catch (err) {
    if (err instanceof PeriodError) throw new UserError(`Målets period: ${err.message}`);
    throw err;
  }
}

const yearOfKey = (key: string): number | null => (/^\d{4}$/.test(key) ? Number(key) : null);

interface Row {
  id: number;
  insats_id: number;
  period: string;
  metric: MetricId;
  params: string;
  mode: TargetMode;
  direction: 'atLeast' | 'atMost';
  value: number;
  value_high: number | null;
  change_unit: 'points' | 'percent' | null;
  label: string | null;
  manual_value: number | null;
  manual_of: number | null;
  manual_text: string | null;
  manual_by: string | null;
  manual_on: string | null;
}

const fromRow = (r: Row): StoredTarget => ({
  id: r.id,
  insatsId: r.insats_id,
  period: r.period,
  year: yearOfKey(r.period),
  metric: r.metric,
  params: JSON.parse(r.params) as MetricParams,
  mode: r.mode,
  direction: r.direction,
  value: r.value,
  valueHigh: r.value_high,
  changeUnit: r.change_unit,
  label: r.label,
  manual: r.manual_on === null ? null : { value: r.manual_value, of: r.manual_of, text: r.manual_text, by: r.manual_by, on: r.manual_on },
});

/** Sets a target; the same metric with the same parameters for the same insats and period is replaced. */
export async function saveTarget(db: Db, surveys: SurveyRegistry, input: TargetInput, context: TargetContext = {}): Promise<StoredTarget> {
  const t = validateTarget(input, surveys, context);
  const params = JSON.stringify(t.params);
  const row = await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO targets (insats_id, period, metric, params, mode, direction, value, value_high, change_unit, label)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (insats_id, period, metric, params) DO UPDATE SET mode = excluded.mode, direction = excluded.direction,
         value = excluded.value, value_high = excluded.value_high, change_unit = excluded.change_unit, label = excluded.label`,
      [t.insatsId, t.period, t.metric, params, t.mode, t.direction, t.value, t.valueHigh, t.changeUnit, t.label],
    );
    return tx.first<Row>('SELECT * FROM targets WHERE insats_id = ? AND period = ? AND metric = ? AND params = ?', [
      t.insatsId,
      t.period,
      t.metric,
      params,
    ]);
  });
  return fromRow(row!);
}

/**
 * Enters (or, with all three null, clears) the outcome of a target by hand: a number, a number of a
 * total ("202 av 240" → 84 %), or a text ("Okänt, då antal besvarade enkäter varit för få").
 */
export async function setManualOutcome(
  db: Db,
  id: number,
  outcome: { value: number | null; of?: number | null; text?: string | null },
  by: string | null,
  on: string,
): Promise<StoredTarget> {
  const target = await findTarget(db, id);
  if (!target) throw new UserError('Målet finns inte längre. Ladda om sidan.', 404);
  const checked = checkManualOutcome(target, outcome);
  await db.run(
    'UPDATE targets SET manual_value = ?, manual_of = ?, manual_text = ?, manual_by = ?, manual_on = ? WHERE id = ?',
    checked ? [checked.value, checked.of, checked.text, by, on, id] : [null, null, null, null, null, id],
  );
  return (await findTarget(db, id))!;
}

/** A hand-entered outcome checked against the target's metric; null when it clears the outcome. */
function checkManualOutcome(
  target: Pick<StoredTarget, 'metric' | 'params'>,
  outcome: { value: number | null; of?: number | null; text?: string | null },
): { value: number | null; of: number | null; text: string | null } | null {
  const text = outcome.text?.trim() ? outcome.text.trim().slice(0, 200) : null;
  rejectIdentityNumber(text, 'Utfallets text');
  const of = outcome.of ?? null;
  const value = outcome.value;
  if (value !== null && (!Number.isFinite(value) || value < 0)) throw new UserError('Skriv utfallet som ett tal som är 0 eller större.');
  if (of !== null && (!Number.isFinite(of) || of <= 0)) throw new UserError('Skriv totalen ("av …") som ett tal större än 0.');
  if (of !== null && value === null) throw new UserError('Skriv utfallet (t.ex. 202) före totalen (av 240).');
  if (of !== null && value !== null && value > of) throw new UserError(`Utfallet (${value}) kan inte vara större än totalen (${of}).`);
  const kind = metricKind(target.metric, target.params);
  if (kind === 'percent' && of === null && value !== null && value > 100) throw new UserError('En andel i procent kan inte vara över 100.');
  return value === null && text === null ? null : { value, of, text };
}

/**
 * Changes a target in place: the same id, every field from the form, and the hand-entered outcome
 * (null clears it). Checked in full before anything is written, and written in one transaction, so a
 * save that fails changes nothing. Refused when the change would make it the same as another target
 * of the insats and period (same metric and parameters), which the table could not tell apart.
 */
export async function updateTarget(
  db: Db,
  surveys: SurveyRegistry,
  id: number,
  input: TargetInput,
  manual: { value: number | null; of: number | null; text: string | null } | null,
  entered: { by: string | null; on: string },
  context: TargetContext = {},
): Promise<StoredTarget> {
  const t = validateTarget(input, surveys, context);
  const outcome = manual ? checkManualOutcome(t, manual) : null;
  const params = JSON.stringify(t.params);
  await db.transaction(async (tx) => {
    const old = await tx.first<Row>('SELECT * FROM targets WHERE id = ?', [id]);
    if (!old) throw new UserError('Målet finns inte längre. Ladda om sidan.', 404);
    const twin = await tx.first<{ id: number }>(
      'SELECT id FROM targets WHERE insats_id = ? AND period = ? AND metric = ? AND params = ? AND id <> ?',
      [t.insatsId, t.period, t.metric, params, id],
    );
    if (twin)
      throw new UserError(
        'Det finns redan ett mål för samma mått (och samma enkät, fråga, orsaker eller parter) för perioden. Ändra det målet i stället, eller ta bort det först.',
        409,
      );
    // An unchanged outcome keeps who entered it and when.
    const same =
      outcome !== null &&
      old.manual_on !== null &&
      old.manual_value === outcome.value &&
      old.manual_of === outcome.of &&
      old.manual_text === outcome.text;
    const by = outcome === null ? null : same ? old.manual_by : entered.by;
    const on = outcome === null ? null : same ? old.manual_on : entered.on;
    await tx.run(
      `UPDATE targets SET insats_id = ?, period = ?, metric = ?, params = ?, mode = ?, direction = ?, value = ?, value_high = ?,
         change_unit = ?, label = ?, manual_value = ?, manual_of = ?, manual_text = ?, manual_by = ?, manual_on = ? WHERE id = ?`,
      [
        t.insatsId,
        t.period,
        t.metric,
        params,
        t.mode,
        t.direction,
        t.value,
        t.valueHigh,
        t.changeUnit,
        t.label,
        outcome?.value ?? null,
        outcome?.of ?? null,
        outcome?.text ?? null,
        by,
        on,
        id,
      ],
    );
  });
  return (await findTarget(db, id))!;
}

/** The targets set for exactly this period (by its key). */
export async function listTargets(db: Db, insatsId: number, period: string | number): Promise<StoredTarget[]> {
  return (await db.all<Row>('SELECT * FROM targets WHERE insats_id = ? AND period = ? ORDER BY id', [insatsId, String(period)])).map(
    fromRow,
  );
}

/** The periods (keys) an insats has targets for, for the page's list of other periods. */
export async function targetPeriods(db: Db, insatsId: number): Promise<string[]> {
  return (await db.all<{ period: string }>('SELECT DISTINCT period FROM targets WHERE insats_id = ? ORDER BY period', [insatsId])).map(
    (r) => r.period,
  );
}

export async function findTarget(db: Db, id: number): Promise<StoredTarget | undefined> {
  const row = await db.first<Row>('SELECT * FROM targets WHERE id = ?', [id]);
  return row ? fromRow(row) : undefined;
}

export async function removeTarget(db: Db, id: number): Promise<boolean> {
  return (await db.run('DELETE FROM targets WHERE id = ?', [id])).changes > 0;
}

/** The overall verdict of an insats for a period, or null. */
export async function findVerdict(
  db: Db,
  insatsId: number,
  period: string,
): Promise<{ verdict: string; by: string | null; on: string } | null> {
  const row = await db.first<{ verdict: string; entered_by: string | null; entered_on: string }>(
    'SELECT verdict, entered_by, entered_on FROM insats_verdicts WHERE insats_id = ? AND period = ?',
    [insatsId, period],
  );
  return row ? { verdict: row.verdict, by: row.entered_by, on: row.entered_on } : null;
}

/** Sets (or, with an empty text, removes) the overall verdict of an insats for a period. */
export async function setVerdict(db: Db, insatsId: number, period: string, verdict: string, by: string | null, on: string): Promise<void> {
  const text = verdict.trim().slice(0, 500);
  rejectIdentityNumber(text, 'Den samlade bedömningen');
  if (!text) {
    await db.run('DELETE FROM insats_verdicts WHERE insats_id = ? AND period = ?', [insatsId, period]);
    return;
  }
  await db.run(
    `INSERT INTO insats_verdicts (insats_id, period, verdict, entered_by, entered_on) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (insats_id, period) DO UPDATE SET verdict = excluded.verdict, entered_by = excluded.entered_by, entered_on = excluded.entered_on`,
    [insatsId, period, text, by, on],
  );
}
