// The name of an insats as a link to its page (/kansli/insatser/<id>), the same on every kansli page
// that names one: views call `<%- insatsLink(name, id) %>`. Many of the results' structures carry only
// the name, so the helper also finds the id by name (names are unique). Not for chart images,
// downloads or the public survey pages, and not on the insats's own page (insats.ejs names it as text).
import type { RequestHandler } from 'express';
import type { Db } from '../../db/database.js';

/** The name as a link when it names an insats, else the name as text; HTML, escaped. */
export type InsatsLink = (name: string | null | undefined, id?: number | null) => string;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/**
 * The helper over the insatser's ids by name. `id` null means "no insats" (a round of the förbund)
 * and gives text even if an insats happens to have the same name; left out, the name is looked up.
 */
export function insatsLinker(idsByName: ReadonlyMap<string, number>): InsatsLink {
  return (name, id) => {
    if (!name) return '';
    const target = id === undefined ? idsByName.get(name) : id;
    const text = escapeHtml(name);
    return typeof target === 'number' && target > 0 ? `<a href="/kansli/insatser/${target}">${text}</a>` : text;
  };
}

/** Puts `insatsLink` in the views' locals; one small query (the insatser are few) per signed-in request. */
export function insatsLinks(db: Db): RequestHandler {
  return async (_req, res, next) => {
    const rows = await db.all<{ id: number; name: string }>('SELECT id, name FROM insatser');
    res.locals.insatsLink = insatsLinker(new Map(rows.map((r) => [r.name, r.id])));
    next();
  };
}
