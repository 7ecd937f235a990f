// Paper questionnaires entered by the kansli (docs/security.md "Pappersenkäter"): the round's own
// questionnaire as a compact form, the same validation as the web form, a form nonce so a refresh or
// a double click stores one response, and the response marked as paper. Nothing about the person
// who filled in the paper is asked or kept; the audit log says only that a paper answer was entered.
import express from 'express';
import type { AppContext } from '../../context.js';
import { requireAdmin, auditFor } from './guards.js';
import { findRound, type Round } from '../../survey/rounds.js';
import { createFormNonces } from '../../survey/formNonces.js';
import { validateSubmission, isEmptySubmission, type SubmissionProblems } from '../../survey/answerRules.js';
import type { Questionnaire } from '../../../surveys/types.js';
import { buildFormModel } from '../../survey/formModel.js';
import { today } from '../../time.js';
import { UserError } from '../../errors.js';

export function paperRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const nonces = createFormNonces(ctx.db);
  const audit = auditFor(ctx);

  async function load(param: unknown): Promise<{ round: Round; q: Questionnaire }> {
    const round = typeof param === 'string' && /^\d{1,9}$/.test(param) ? await findRound(ctx.db, Number(param)) : undefined;
    if (!round) throw new UserError('Enkätomgången finns inte. Välj en omgång i listan.', 404);
    const q = ctx.surveys.get(round.instrument_id, round.instrument_version);
    if (!q) throw new UserError('Enkäten för omgången finns inte längre.', 404);
    return { round, q };
  }

  async function page(
    res: express.Response,
    round: Round,
    q: Questionnaire,
    opts: { status?: number; problems?: SubmissionProblems; saved?: boolean; nonce?: string | null } = {},
  ) {
    const nonce = opts.nonce ?? (await nonces.issue(round.id, today()));
    res.status(opts.status ?? 200).render('kansli/paper', {
      title: 'Pappersenkät',
      nav: 'omgangar',
      round,
      q,
      nonce,
      questions: buildFormModel(q, ctx.surveys.scales, opts.problems?.values ?? {}, opts.problems?.byQuestion ?? {}),
      problems: opts.problems ?? null,
      saved: opts.saved ?? false,
    });
  }

  router.get('/omgangar/:id/papper', requireAdmin, async (req, res) => {
    const { round, q } = await load(req.params.id);
    await page(res, round, q, { saved: req.query.sparat === '1' });
  });

  router.post('/omgangar/:id/papper', requireAdmin, async (req, res) => {
    const { round, q } = await load(req.params.id);
    // The form's own fields, without the kansli's CSRF token (which is not an answer).
    const { _csrf: _ignored, ...body } = (req.body ?? {}) as Record<string, unknown>;
    const day = today();
    const nonce = await nonces.check(round.id, body.nonce, day);
    if (nonce !== 'valid')
      return page(res, round, q, {
        status: 400,
        problems: {
          byQuestion: {},
          general: ['Formuläret var för gammalt eller redan skickat. Kontrollera om svaret redan finns och skriv in det igen.'],
          values: {},
          nonce: null,
        },
      });
    if (isEmptySubmission(q, body))
      return page(res, round, q, {
        status: 400,
        problems: { byQuestion: {}, general: ['Inget svar var ifyllt. Fyll i svaren från pappret och spara.'], values: {}, nonce: null },
        nonce: String(body.nonce),
      });
    const result = validateSubmission(q, ctx.surveys.scales, body);
    if (!result.ok) return page(res, round, q, { status: 400, problems: result.problems, nonce: String(body.nonce) });
    const outcome = await ctx.submissions.submit({
      ...result.submission,
      roundId: round.id,
      instrumentVersion: q.version,
      date: day,
      source: 'paper',
    });
    if (outcome === 'stored') await audit(req, 'round.paper', { roundId: round.id });
    res.redirect(303, `/kansli/omgangar/${round.id}/papper?sparat=1`);
  });

  return router;
}
