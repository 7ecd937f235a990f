// GET /healthz for monitoring: ok only when the database can really be read, and when the file at
// FINSAM_DB is still the one the server has open (a file moved or deleted under a running server
// would otherwise swallow every answer into an unlinked file). See docs/operations.md.
import fs from 'node:fs';
import { checkReadable } from '../db/startupCheck.js';
import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';

function fileId(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

export function healthCheck(ctx: AppContext): RequestHandler {
  const file = ctx.db.path;
  const memory = file === ':memory:';
  const opened = memory ? null : fileId(file);
  return async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      await checkReadable(ctx.db);
      if (!memory && fileId(file) !== opened) throw new Error('database file replaced');
      res.json({ status: 'ok' });
    } catch (err) {
      ctx.logger.error('health.failed', { message: String((err as Error).message) });
      res.status(503).json({ status: 'error', message: 'Databasen går inte att läsa. Se serverns logg och docs/operations.md.' });
    }
  };
}
