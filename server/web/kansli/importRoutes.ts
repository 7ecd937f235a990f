// Participant follow-up import in the browser: upload a CSV, see every problem at once, list and
// undo imports. Same importer as `finsam import-outcomes`.
import express from 'express';
import type { AppContext } from '../../context.js';
import { requireAdmin, auditFor, sameToken, forbidden } from './guards.js';
import { streamUpload } from '../upload.js';
import { importOutcomes, listImports, undoImport } from '../../followup/importer.js';
import { formatProblem } from '../../followup/rowRules.js';
import { BUILTIN_CODEBOOKS } from '../../followup/codebooks.js';
import { UserError } from '../../errors.js';

export function importRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  async function page(res: express.Response, status = 200, result: { errors?: string[]; message?: string } = {}) {
    res.status(status).render('kansli/import', {
      title: 'Import',
      nav: 'import',
      batches: await listImports(ctx.db),
      codebooks: Object.values(BUILTIN_CODEBOOKS).map((c) => c.id),
      defaultCodebook: ctx.config.codebook,
      errors: result.errors ?? [],
      message: result.message ?? null,
    });
  }

  router.get('/import', (_req, res) => page(res));

  router.post('/import', requireAdmin, async (req, res) => {
    if (!req.is('multipart/form-data')) throw new UserError('Välj en CSV-fil att importera.');
    const user = res.locals.user!;
    const chosen = (value: string | undefined) => (value && BUILTIN_CODEBOOKS[value] ? value : ctx.config.codebook);
    // The file is imported while it arrives (docs/import.md): token and code book come before it.
    const { fields, result } = await streamUpload(req, async (file) => {
      if (!sameToken(file.fieldsBefore._csrf, user.csrf)) return 'forbidden' as const;
      if (!file.name) return null;
      const codebook = chosen(file.fieldsBefore.codebook);
      return importOutcomes(ctx.db, {
        stream: file.chunks,
        fileName: file.name,
        codebook,
        actor: user.name,
        beforeWrite: async () => {
          if (chosen((await file.finished()).codebook) !== codebook)
            throw new UserError(
              'Kodboken måste väljas före filen i formuläret. Ladda om sidan och försök igen. Ingenting har importerats.',
            );
        },
      });
    });
    if (result === 'forbidden' || !sameToken(fields._csrf, user.csrf))
      return forbidden(
        res,
        'Formuläret var för gammalt eller kom inte från den här sidan. Ingenting har importerats. Ladda om sidan och försök igen.',
      );
    if (!result) return page(res, 400, { errors: ['Välj en CSV-fil att importera.'] });
    if (!result.ok) {
      const more = result.errorCount - result.errors.length;
      const errors = result.errors.map(formatProblem);
      if (more > 0) errors.push(`… och ${more} fel till. Rätta felen ovan och importera igen för att se resten.`);
      return page(res, 400, { errors });
    }
    await audit(req, 'import', { batchId: result.batchId, inserted: result.inserted, updated: result.updated });
    await page(res, 200, {
      message: [
        `Import ${result.batchId} klar: ${result.inserted} nya och ${result.updated} uppdaterade deltagarperioder.`,
        result.insatserCreated.length ? `Nya insatser: ${result.insatserCreated.join(', ')}.` : '',
        result.variables.length ? `Extra kolumner som sparades: ${result.variables.join(', ')}.` : '',
        result.ignoredColumns.length ? `Fritextkolumner som inte sparades: ${result.ignoredColumns.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    });
  });

  router.post('/import/:id/angra', requireAdmin, async (req, res) => {
    const id = Number(req.params.id);
    const result = Number.isInteger(id) ? await undoImport(ctx.db, id) : { ok: false as const, message: 'Importen finns inte.' };
    if (!result.ok) return page(res, 400, { errors: [result.message] });
    await audit(req, 'import.undo', { batchId: id, deleted: result.deleted, restored: result.restored });
    await page(res, 200, { message: `Import ${id} är ångrad.` });
  });

  return router;
}
