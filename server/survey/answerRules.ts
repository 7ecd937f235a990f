// Turns a posted form into the answers to store, or into a list of problems per question.
// Pure: no HTTP, no SQL. The server enforces showIf here, whatever the browser did.
import { DONT_KNOW, allowedValues, genderBucket, type Gender, type Questionnaire, type Scale } from '../../surveys/types.js';

export const NONCE_FIELD = 'nonce';
const NONCE = /^[A-Za-z0-9_-]{22,64}$/;

export interface ParsedSubmission {
  nonce: string;
  gender: Gender;
  /** Closed answers: scale steps, vet-ej, ja/nej, option values. */
  answers: { questionId: string; value: string }[];
  texts: { questionId: string; body: string }[];
}

export interface SubmissionProblems {
  /** Problems that belong to a question, keyed by question id. */
  byQuestion: Record<string, string>;
  /** Problems with the form as a whole (unknown fields, missing nonce). */
  general: string[];
  /** What the participant had entered, to fill the form again (only known fields, only strings). */
  values: Record<string, string>;
  /** The posted nonce when it was well-formed, so a corrected form keeps it. */
  nonce: string | null;
}

/** The problems' wording; the public form passes the participant's language (server/web/public/messages.ts). */
export interface AnswerTexts {
  unknownFields: string;
  missingNonce: string;
  oneAnswer: string;
  required: string;
  tooLong(len: number, max: number): string;
  badChars: string;
  notAnOption: string;
  /** Used by receiveSubmission.ts. */
  expired: string;
  tooMany: string;
}

export const SWEDISH_ANSWER_TEXTS: AnswerTexts = {
  unknownFields: 'Formuläret innehöll fält som inte hör till enkäten. Ladda om sidan och försök igen.',
  missingNonce: 'Formuläret saknar sin kontrollkod. Skicka formuläret igen från den här sidan.',
  oneAnswer: 'Välj bara ett svar på den här frågan.',
  required: 'Den här frågan måste besvaras.',
  tooLong: (len, max) => `Svaret är för långt: ${len} tecken. Skriv högst ${max} tecken.`,
  badChars: 'Svaret innehåller tecken som inte kan sparas. Ta bort dem och försök igen.',
  notAnOption: 'Svaret finns inte bland alternativen. Välj ett av alternativen.',
  expired: 'Formuläret hade varit öppet för länge för att kunna tas emot. Kontrollera svaren nedan och skicka igen.',
  tooMany: 'Enkäten har tagit emot ovanligt många svar på kort tid. Vänta en minut och skicka sedan igen.',
};

export type ValidationResult = { ok: true; submission: ParsedSubmission } | { ok: false; problems: SubmissionProblems };

const codePoints = (s: string) => [...s].length;

function asFields(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The posted nonce field, if it is one string (own key only). */
export function postedNonce(body: unknown): string | undefined {
  const fields = asFields(body);
  const raw = Object.hasOwn(fields, NONCE_FIELD) ? fields[NONCE_FIELD] : undefined;
  return typeof raw === 'string' ? raw : undefined;
}

/** What was entered per question (strings only, own keys only), to fill the form again. */
export function postedValues(q: Questionnaire, body: unknown): Record<string, string> {
  const fields = asFields(body);
  const values: Record<string, string> = Object.create(null);
  for (const question of q.questions) {
    const raw = Object.hasOwn(fields, question.id) ? fields[question.id] : undefined;
    if (typeof raw === 'string') values[question.id] = raw;
  }
  return values;
}

/**
 * True when nothing at all was answered: every field is the nonce or a question left blank. Such a
 * post is neither stored nor counted (docs/security.md). Anything else (an unknown field, a repeated
 * field) is for validateSubmission to judge.
 */
export function isEmptySubmission(q: Questionnaire, body: unknown): boolean {
  const fields = asFields(body);
  const ids = new Set(q.questions.map((x) => x.id));
  return Object.keys(fields).every((k) => {
    if (k === NONCE_FIELD) return true;
    const v = fields[k];
    return ids.has(k) && typeof v === 'string' && v.trim() === '';
  });
}

export function validateSubmission(
  q: Questionnaire,
  scales: Record<string, Scale>,
  body: unknown,
  wording: AnswerTexts = SWEDISH_ANSWER_TEXTS,
): ValidationResult {
  // Keyed by question id: without a prototype, a question called "constructor" is just a key.
  const problems: SubmissionProblems = { byQuestion: Object.create(null), general: [], values: Object.create(null), nonce: null };
  const fields = asFields(body);
  const byId = new Map(q.questions.map((x) => [x.id, x]));

  // Own keys only: a "__proto__" or "constructor" field is just an unknown field.
  const unknown = Object.keys(fields).filter((k) => k !== NONCE_FIELD && !byId.has(k));
  if (unknown.length > 0) problems.general.push(wording.unknownFields);

  const rawNonce = Object.hasOwn(fields, NONCE_FIELD) ? fields[NONCE_FIELD] : undefined;
  if (typeof rawNonce === 'string' && NONCE.test(rawNonce)) problems.nonce = rawNonce;
  else problems.general.push(wording.missingNonce);

  const given = new Map<string, string>();
  for (const question of q.questions) {
    if (!Object.hasOwn(fields, question.id)) continue;
    const raw = fields[question.id];
    if (typeof raw !== 'string') {
      problems.byQuestion[question.id] = wording.oneAnswer;
      continue;
    }
    const value = question.type === 'text' ? raw.replace(/\r\n?/g, '\n').trim() : raw.trim();
    problems.values[question.id] = question.type === 'text' ? raw : value;
    if (value !== '') given.set(question.id, value);
  }

  const answers: ParsedSubmission['answers'] = [];
  const texts: ParsedSubmission['texts'] = [];
  for (const question of q.questions) {
    if (Object.hasOwn(problems.byQuestion, question.id)) continue;
    const shown = !question.showIf || given.get(question.showIf.question) === question.showIf.equals;
    const value = given.get(question.id);
    // An answer to a question that was not shown is discarded, not an error (the follow-up rule).
    if (!shown) continue;
    if (value === undefined) {
      if (question.required) problems.byQuestion[question.id] = wording.required;
      continue;
    }
    if (question.type === 'text') {
      const max = question.maxLength ?? 2000;
      const len = codePoints(value);
      if (len > max) problems.byQuestion[question.id] = wording.tooLong(len, max);
      else if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value) || value.includes('\uFFFD'))
        problems.byQuestion[question.id] = wording.badChars;
      else texts.push({ questionId: question.id, body: value });
      continue;
    }
    if (!allowedValues(question, scales).includes(value)) {
      problems.byQuestion[question.id] = wording.notAnOption;
      continue;
    }
    answers.push({ questionId: question.id, value });
  }

  if (problems.general.length > 0 || Object.keys(problems.byQuestion).length > 0) return { ok: false, problems };
  const genderAnswer = q.genderQuestion ? answers.find((a) => a.questionId === q.genderQuestion)?.value : undefined;
  return {
    ok: true,
    submission: { nonce: problems.nonce!, gender: genderBucket(genderAnswer), answers, texts },
  };
}

export { DONT_KNOW };
