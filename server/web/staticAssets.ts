// Static files (views/static) under versioned names: /static/style.3f9a1c0b2e.css. The name changes
// whenever the content does, so browsers may keep a file for a year without asking again, and a
// new release is still picked up at once. Plain names (/static/style.css) keep working with a
// short cache, for anything that links to them from outside the templates.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

export interface StaticAssets {
  /** The versioned URL of a file in the static folder; throws for a file that does not exist. */
  url(name: string): string;
  /** Serves the folder under the prefix it was made for. */
  handler: RequestHandler;
}

const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function staticAssets(dir: string, prefix = '/static'): StaticAssets {
  const versioned = new Map<string, string>(); // "style.3f9a1c0b2e.css" → "style.css"
  const urls = new Map<string, string>(); // "style.css" → "/static/style.3f9a1c0b2e.css"
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!fs.statSync(file).isFile()) continue;
    const hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 10);
    const ext = path.extname(name);
    const stamped = `${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
    versioned.set(stamped, name);
    urls.set(name, `${prefix}/${stamped}`);
  }
  const immutable = express.static(dir, { index: false, immutable: true, maxAge: YEAR_SECONDS * 1000 });
  const plain = express.static(dir, { index: false, maxAge: 0 });
  const handler: RequestHandler = (req, res, next) => {
    const original = versioned.get(req.path.slice(1));
    if (original) {
      req.url = `/${original}`;
      return immutable(req, res, next);
    }
    return plain(req, res, next);
  };
  return {
    url(name) {
      const found = urls.get(name);
      if (!found) throw new Error(`Okänd statisk fil: ${name}`);
      return found;
    },
    handler,
  };
}
