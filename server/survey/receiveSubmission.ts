// What happens to a posted survey form, in order (docs/security.md, "Formulärkoder"):
//   1. only a nonce this server issued for this round is accepted: anything else stores nothing and
//      counts toward nothing;
//   2. a form with nothing answered is not a response;
//   3. a genuine form left open too long comes back with its answers and a fresh nonce;
//   4. only a valid, non-empty submission counts toward the round's per-minute limit;
//   5. then it is stored (a repeated nonce stores nothing more: the first post was stored).
// The web handler turns each outcome into a page.
import type { Scale, Questionnaire } from '../../surveys/types.js';
import type { FormNonces } from './formNonces.js';
import type { SubmissionWriter } from './submissions.js';
import {
  isEmptySubmission,
  postedNonce,
  postedValues,
  validateSubmission,
  SWEDISH_ANSWER_TEXTS,
  type AnswerTexts,
  type SubmissionProblems,
} from './answerRules.js';

export type Reception =
  | { kind: 'stored' }
  | { kind: 'bad-nonce' }
  | { kind: 'empty' }
  | { kind: 'expired'; problems: SubmissionProblems }
  | { kind: 'invalid'; problems: SubmissionProblems }
  | { kind: 'too-many'; problems: SubmissionProblems };

export interface ReceptionDeps {
  nonces: FormNonces;
  scales: Record<string, Scale>;
  submissions: SubmissionWriter;
  /** Counts one valid submission for the round; false when the round is over its limit. */
  withinLimit(roundId: number): boolean;
}

export async function receiveSubmission(
  deps: ReceptionDeps,
  round: { id: number },
  q: Questionnaire,
  body: unknown,
  day: string,
  texts: AnswerTexts = SWEDISH_ANSWER_TEXTS,
): Promise<Reception> {
  const nonce = await deps.nonces.check(round.id, postedNonce(body), day);
  if (nonce === 'invalid') return { kind: 'bad-nonce' };
  if (isEmptySubmission(q, body)) return { kind: 'empty' };
  const result = validateSubmission(q, deps.scales, body, texts);
  if (nonce === 'expired') {
    const problems = result.ok ? { byQuestion: {}, general: [], values: postedValues(q, body) } : result.problems;
    return {
      kind: 'expired',
      problems: {
        ...problems,
        general: [texts.expired, ...problems.general],
        nonce: null,
      },
    };
  }
  if (!result.ok) return { kind: 'invalid', problems: result.problems };
  if (!deps.withinLimit(round.id)) {
    return {
      kind: 'too-many',
      problems: {
        byQuestion: {},
        general: [texts.tooMany],
        values: postedValues(q, body),
        nonce: result.submission.nonce,
      },
    };
  }
  await deps.submissions.submit({ ...result.submission, roundId: round.id, instrumentVersion: q.version, date: day });
  return { kind: 'stored' };
}
