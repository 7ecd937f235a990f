// Targets (förväntat resultat) per insats and period: validation and storage. A target belongs to
// the period it was set for (its key: "2024", "2024-H1", "2022-09-01..2025-12-31", "sedan-start").
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { metricDefinition, type MetricId, type MetricParams } from '../../analysis/targets.js';
import { UserError } from '../errors.js';
import { rejectIdentityNumber } from '../followup/identityGuard.js';
import { parsePeriod, PeriodError, specKey } from '../../analysis/period.js';

export interface StoredTarget {
  id: number;
  insatsId: number;
  /** The period's key (analysis/period.ts). */
  period: string;
  /** The calendar year when the period is one, else null. */
  year: number | null;
  metric: MetricId;
  params: MetricParams;
  direction: 'atLeast' | 'atMost';
  value: number;
  label: string | null;
}

export interface TargetInput {
  insatsId: number;
  /** A period key ("2024-H1"), or a calendar year. */
  period: string | number;
  metric: string;
  params?: MetricParams;
  direction?: string;
  value: number;
  label?: string | null;
}

/** Checks a target against the metric definitions and the questionnaires; throws UserError in Swedish. */
export function validateTarget(input: TargetInput, surveys: SurveyRegistry): Omit<StoredTarget, 'id'> {
  const def = metricDefinition(input.metric);
  if (!def) throw new UserError(`Okänt mått "${input.metric}".`);
  const period = targetPeriod(input.period);
  if (!Number.isFinite(input.value) || input.value < 0) throw new UserError('Målet måste vara ett tal som är 0 eller större.');
  if (def.kind === 'percent' && input.value > 100) throw new UserError('Ett mål i procent kan inte vara över 100.');
  const direction = input.direction ?? 'atLeast';
  if (direction !== 'atLeast' && direction !== 'atMost') throw new UserError('Riktningen måste vara "minst" eller "högst".');
  const params: MetricParams = {};
  const given = input.params ?? {};
  if (def.needs.includes('instrument')) {
    const q = given.instrument ? surveys.get(given.instrument) : undefined;
    if (!q) throw new UserError('Välj vilken enkät målet gäller.');
    params.instrument = q.id;
    if (def.needs.includes('question')) {
      const question = q.questions.find((x) => x.id === given.question && (x.type === 'scale' || x.type === 'yesno'));
      if (!question) throw new UserError(`Välj en fråga med svarsskala i enkäten "${q.title}".`);
      params.question = question.id;
    }
  }
  if (def.needs.includes('reasons')) {
    const reasons = (given.reasons ?? []).map((r) => r.trim()).filter(Boolean);
    if (reasons.length === 0) throw new UserError('Välj minst en avslutsorsak.');
    params.reasons = reasons;
  }
  const label = input.label?.trim() ? input.label.trim().slice(0, 200) : null;
  for (const text of [label, ...(params.reasons ?? [])]) rejectIdentityNumber(text, 'Målets text');
  return { insatsId: input.insatsId, period, year: yearOfKey(period), metric: def.id, params, direction, value: input.value, label };
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
  direction: 'atLeast' | 'atMost';
  value: number;
  label: string | null;
}

const fromRow = (r: Row): StoredTarget => ({
  id: r.id,
  insatsId: r.insats_id,
  period: r.period,
  year: yearOfKey(r.period),
  metric: r.metric,
  params: JSON.parse(r.params) as MetricParams,
  direction: r.direction,
  value: r.value,
  label: r.label,
});

/** Sets a target; the same metric with the same parameters for the same insats and period is replaced. */
export async function saveTarget(db: Db, surveys: SurveyRegistry, input: TargetInput): Promise<StoredTarget> {
  const t = validateTarget(input, surveys);
  const params = JSON.stringify(t.params);
  await db.run(
    `INSERT INTO targets (insats_id, period, metric, params, direction, value, label) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (insats_id, period, metric, params) DO UPDATE SET direction = excluded.direction, value = excluded.value, label = excluded.label`,
    [t.insatsId, t.period, t.metric, params, t.direction, t.value, t.label],
  );
  const row = await db.first<Row>('SELECT * FROM targets WHERE insats_id = ? AND period = ? AND metric = ? AND params = ?', [
    t.insatsId,
    t.period,
    t.metric,
    params,
  ]);
  return fromRow(row!);
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
