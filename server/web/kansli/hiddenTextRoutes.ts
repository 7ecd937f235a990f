// /kansli/resultat/dolda: the free-text answers an admin has hidden, with "Visa igen" (admin only).
import express from 'express';
import type { AppContext } from '../../context.js';
import { hiddenTexts, restoreText } from '../../indicators/hiddenTexts.js';
import { effectiveMinCell } from '../../../analysis/disclosure.js';
import { requireAdmin, auditFor } from './guards.js';
import { UserError } from '../../errors.js';

export function hiddenTextRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  router.get('/resultat/dolda', requireAdmin, async (req, res) => {
    const texts = await hiddenTexts(ctx.db, effectiveMinCell(ctx.config.minCell));
    const questionText = (roundId: number, id: string) => {
      void roundId;
      for (const q of ctx.surveys.latest()) {
        const found = q.questions.find((x) => x.id === id);
        if (found) return found.text;
      }
      return id;
    };
    res.render('kansli/results/hidden-texts', {
      title: 'Dolda fritextsvar',
      nav: 'resultat',
      texts: texts.map((t) => ({ ...t, question: questionText(t.roundId, t.questionId) })),
      restored: req.query.visat === '1',
    });
  });

  router.post('/resultat/fritext/visa', requireAdmin, async (req, res) => {
    const handle = typeof req.body?.handle === 'string' && /^[0-9a-f]{32}$/.test(req.body.handle) ? req.body.handle : '';
    const questionId = handle ? await restoreText(ctx.db, handle) : null;
    if (!questionId) throw new UserError('Svaret kunde inte hittas bland de dolda (det kan redan visas igen). Ladda om sidan.', 404);
    await audit(req, 'freetext.restore', { questionId });
    res.redirect(303, '/kansli/resultat/dolda?visat=1');
  });

  return router;
}
