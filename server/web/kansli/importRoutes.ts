// Participant follow-up import in the browser: upload a CSV, see every problem at once, list and
// undo imports. Same importer as `finsam import-outcomes`. A file that fails only on end reasons
// the code book does not know gets a form to map each spelling to a reason once (reasonMappings.ts);
// the file itself is never kept, so that form asks for it again.
import express from 'express';
import type { AppContext } from '../../context.js';
import { requireAdmin, auditFor, sameToken, forbidden } from './guards.js';
import { streamUpload } from '../upload.js';
import { importOutcomes, listImports, undoImport, type ImportResult } from '../../followup/importer.js';
import { formatProblem } from '../../followup/rowRules.js';
import { BUILTIN_CODEBOOKS } from '../../followup/codebooks.js';
import { UserError } from '../../errors.js';
import { listReasonMappings, removeReasonMapping } from '../../followup/reasonMappings.js';
import { mappingFields, rememberMappings, unknownReasonsToMap, type UnknownReason } from './reasonMappingForm.js';

export function importRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  const audit = auditFor(ctx);

  async function page(
    res: express.Response,
    status = 200,
    result: {
      errors?: string[];
      message?: string;
      toMap?: { codebook: string; codebookName: string; unknown: UnknownReason[]; reasons: readonly string[] };
    } = {},
  ) {
    res.status(status).render('kansli/import', {
      title: 'Import',
      nav: 'import',
      batches: await listImports(ctx.db),
      codebooks: Object.values(BUILTIN_CODEBOOKS).map((c) => c.id),
      defaultCodebook: ctx.config.codebook,
      errors: result.errors ?? [],
      message: result.message ?? null,
      toMap: result.toMap ?? null,
      mappings: await listReasonMappings(ctx.db),
    });
  }

  router.get('/import', (_req, res) => page(res));

  router.post('/import', requireAdmin, async (req, res) => {
    if (!req.is('multipart/form-data')) throw new UserError('Välj en CSV-fil att importera.');
    const user = res.locals.user!;
    const chosen = (value: string | undefined) => (value && BUILTIN_CODEBOOKS[value] ? value : ctx.config.codebook);
    // The file is imported while it arrives (docs/import.md): token and code book come before it.
    let saved: { spelling: string; reason: string }[] = [];
    const { fields, result } = await streamUpload(req, async (file): Promise<ImportResult | 'forbidden' | null> => {
      if (!sameToken(file.fieldsBefore._csrf, user.csrf)) return 'forbidden' as const;
      const codebook = chosen(file.fieldsBefore.codebook);
      // Spellings mapped on this page come before the file: saved first, so this import uses them.
      const toSave = mappingFields(file.fieldsBefore);
      if (toSave.length) {
        try {
          const remembered = await rememberMappings(ctx.db, codebook, toSave, user.name);
          saved = remembered.saved;
          if (saved.length) await audit(req, 'import.mappings.save', { codebook: remembered.codebook, mappings: saved });
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          return { ok: false, errors: [{ row: null, column: null, message: err.message }], errorCount: 1 };
        }
      }
      if (!file.name) return null;
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
    const savedNote = saved.length
      ? `${saved.length === 1 ? '1 koppling' : `${saved.length} kopplingar`} av avslutsorsaker sparades och gäller vid varje import med kodboken. `
      : '';
    if (!result && saved.length) return page(res, 200, { message: `${savedNote}Välj filen igen och importera.` });
    if (!result) return page(res, 400, { errors: ['Välj en CSV-fil att importera.'] });
    if (!result.ok) {
      const more = result.errorCount - result.errors.length;
      const errors = result.errors.map(formatProblem);
      if (more > 0) errors.push(`… och ${more} fel till. Rätta felen ovan och importera igen för att se resten.`);
      const codebook = chosen(fields.codebook);
      return page(res, 400, {
        errors,
        message: savedNote || undefined,
        toMap: (await unknownReasonsToMap(ctx.db, codebook, result.errors, fields.codebook ?? '')) ?? undefined,
      });
    }
    await audit(req, 'import', { batchId: result.batchId, inserted: result.inserted, updated: result.updated });
    await page(res, 200, {
      message: [
        `${savedNote}Import ${result.batchId} klar: ${result.inserted} nya och ${result.updated} uppdaterade deltagarperioder.`,
        result.insatserCreated.length ? `Nya insatser: ${result.insatserCreated.join(', ')}.` : '',
        result.variables.length ? `Extra kolumner som sparades: ${result.variables.join(', ')}.` : '',
        result.ignoredColumns.length ? `Fritextkolumner som inte sparades: ${result.ignoredColumns.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    });
  });

  router.post('/import/kopplingar/:id/ta-bort', requireAdmin, async (req, res) => {
    const id = /^\d{1,12}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
    const removed = Number.isSafeInteger(id) ? await removeReasonMapping(ctx.db, id) : null;
    if (!removed) return page(res, 404, { errors: ['Kopplingen finns inte (den kan redan vara borttagen). Ladda om sidan.'] });
    await audit(req, 'import.mappings.remove', { codebook: removed.codebook, spelling: removed.spelling, reason: removed.reason });
    await page(res, 200, {
      message: `Kopplingen "${removed.spelling}" → ${removed.reason} är borttagen. Den gäller inte vid nästa import.`,
    });
  });

  // "Ångra" first says what it will do: which file, how many rows go and come back.
  router.get('/import/:id/angra', requireAdmin, async (req, res) => {
    const id = Number(req.params.id);
    const batch = Number.isInteger(id) ? (await listImports(ctx.db)).find((b) => b.id === id) : undefined;
    if (!batch) throw new UserError('Importen finns inte. Välj en import i listan.', 404);
    if (!batch.canUndo || batch.undone)
      throw new UserError('Importen kan inte ångras (den är redan ångrad, eller en senare import har ändrat samma rader).', 409);
    res.render('kansli/import-undo', { title: 'Ångra import', nav: 'import', batch });
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
