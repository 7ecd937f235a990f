// The questionnaire format (versioned JSON in surveys/*.json and FINSAM_SURVEYS_DIR).

export const RESPONDENT_GROUPS = [
  'deltagare-avslut',
  'deltagare-pagaende',
  'insatspersonal',
  'styrelse',
  'chefer-i-samverkan',
  'remittenter',
  // Course and event evaluations (the förbund's own questionnaire, not an NNS group).
  'kurs-deltagare',
] as const;
export type RespondentGroup = (typeof RESPONDENT_GROUPS)[number];

export const QUESTION_TYPES = ['scale', 'single', 'yesno', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * What a question is for in the results (docs/rules.md "Frågornas roller"): a quality indicator
 * (share positive, charts, targets), a need or background question (a distribution, never "positive"),
 * or a follow-up detail (a distribution). Default: scale and yes/no questions are indicators, single
 * choice questions background.
 */
export const QUESTION_ROLES = ['indicator', 'need', 'background', 'followup'] as const;
export type QuestionRole = (typeof QUESTION_ROLES)[number];

/** The form value for "Vet ej" / "Ej aktuellt"; never counted in a denominator. */
export const DONT_KNOW = 'vet-ej';

export interface ScaleStep {
  value: number;
  label: string;
}

export interface Scale {
  id: string;
  label: string;
  steps: ScaleStep[];
  /** Step values that count as a positive answer in "share positive". */
  positive: number[];
  /** Translated label and step labels by language (surveys/translations.ts). */
  translations?: Record<string, ScaleTranslation>;
}

export interface Option {
  value: string;
  label: string;
}

export interface ShowIf {
  question: string;
  equals: string;
}

export interface Question {
  id: string;
  type: QuestionType;
  text: string;
  /** Optional help text under the question. */
  help?: string;
  /** Scale id, for type "scale". */
  scale?: string;
  /** Options, for type "single". */
  options?: Option[];
  /** Whether "Vet ej" is offered (scale, single and yesno). */
  dontKnow?: boolean;
  /** The question is shown (and its answer kept) only when another question has a given answer. */
  showIf?: ShowIf;
  /** Its role in the results; see QUESTION_ROLES for the default. */
  role?: QuestionRole;
  /**
   * The NNS indicator it measures, shared across questionnaires ("samverkan-strukturer"), so that
   * results can be compared across respondent groups (docs/rules.md "Indikatorer över svarsgrupper").
   */
  indicator?: string;
  required?: boolean;
  /** For type "text". */
  maxLength?: number;
}

export interface Questionnaire {
  id: string;
  version: number;
  title: string;
  intro: string;
  respondentGroup: RespondentGroup;
  /** The single-choice question whose answer (kvinna/man/other) splits results by gender. */
  genderQuestion?: string;
  /** Free note, e.g. that the official NNS wording replaces these texts. */
  note?: string;
  questions: Question[];
  /** Translated texts by language; a missing text falls back to Swedish (surveys/translations.ts). */
  translations?: Record<string, QuestionnaireTranslation>;
  /** The file it was loaded from (set by the loader). */
  source?: string;
}

/** A scale's texts in another language; steps keyed by step value ("1"). */
export interface ScaleTranslation {
  label?: string;
  steps?: Record<string, string>;
}

/** One question's texts in another language; options keyed by option value. */
export interface QuestionTranslation {
  text?: string;
  help?: string;
  options?: Record<string, string>;
}

/** A questionnaire's texts in another language; only labels and texts, never values. */
export interface QuestionnaireTranslation {
  title?: string;
  intro?: string;
  questions?: Record<string, QuestionTranslation>;
}

/** A question's role, its own or the default for its type. */
export function roleOf(q: Pick<Question, 'type' | 'role'>): QuestionRole {
  return q.role ?? (q.type === 'scale' || q.type === 'yesno' ? 'indicator' : 'background');
}

/** Whether the question is a quality indicator: shown as share positive, in the quality charts and as a target. */
export function isIndicator(q: Pick<Question, 'type' | 'role'>): boolean {
  return (q.type === 'scale' || q.type === 'yesno') && roleOf(q) === 'indicator';
}

export type { Gender } from '../analysis/gender.js';
import type { Gender } from '../analysis/gender.js';
export { GENDERS } from '../analysis/gender.js';

/** Maps an answer of the gender question to the three reporting buckets (docs/rules.md). */
export function genderBucket(value: string | undefined): Gender {
  return value === 'kvinna' || value === 'man' ? value : 'annat';
}

/** The answer values a closed question accepts, in display order. */
export function allowedValues(q: Question, scales: Record<string, Scale>): string[] {
  const values: string[] = [];
  const scale = q.scale !== undefined && Object.hasOwn(scales, q.scale) ? scales[q.scale] : undefined;
  if (q.type === 'scale') values.push(...(scale?.steps.map((s) => String(s.value)) ?? []));
  if (q.type === 'single') values.push(...(q.options ?? []).map((o) => o.value));
  if (q.type === 'yesno') values.push('ja', 'nej');
  if (q.dontKnow && q.type !== 'text') values.push(DONT_KNOW);
  return values;
}
