// The empty survey form of a round, rendered once and reused: a GET only adds its nonce.
//
// The page is rendered with a random placeholder where the nonce goes and kept as the text before
// and after it. The key holds everything the page shows or depends on (the round's id, token,
// insats name, kiosk flag and state columns, the questionnaire's id and version, and the page
// language, and the förbund's identity stamp), so editing or closing a round or saving the förbund's
// details makes a new key and each language has its own page; the oldest entries are dropped beyond MAX_PAGES.
import crypto from 'node:crypto';
import type { Application } from 'express';
import type { Round } from '../../survey/rounds.js';
import type { Questionnaire } from '../../../surveys/types.js';
import type { PageLanguage } from './messages.js';
import type { ForbundIdentity } from '../../settings/forbundIdentity.js';

// Room for every language of a few hundred rounds; a page is some tens of kB.
const MAX_PAGES = 400;

export interface FormPages {
  /** The empty form of the round with this nonce in it. */
  html(app: Application, round: Round, q: Questionnaire, lang: PageLanguage, nonce: string, forbund: ForbundIdentity): Promise<string>;
  readonly size: number;
}

function renderToString(app: Application, view: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) => app.render(view, locals, (err, html) => (err ? reject(err) : resolve(html))));
}

export function createFormPages(locals: (round: Round, q: Questionnaire, lang: PageLanguage, nonce: string) => object): FormPages {
  const placeholder = `nonce-placeholder-${crypto.randomBytes(16).toString('hex')}`;
  const pages = new Map<string, { q: Questionnaire; before: string; after: string }>();
  const keyOf = (r: Round, q: Questionnaire, lang: PageLanguage, forbund: ForbundIdentity) =>
    JSON.stringify([r.id, r.token, r.insats_name, r.kiosk, r.closed, r.opens_on, r.closes_on, q.id, q.version, lang, forbund.stamp]);

  return {
    async html(app, round, q, lang, nonce, forbund) {
      const key = keyOf(round, q, lang, forbund);
      // app.render does not see res.locals, so the identity is passed in with the page's own locals.
      const all = (n: string) => ({ ...locals(round, q, lang, n), forbund });
      let page = pages.get(key);
      // The same key with another questionnaire object: the registry was reloaded.
      if (!page || page.q !== q) {
        const parts = (await renderToString(app, 'pages/survey', all(placeholder))).split(placeholder);
        if (parts.length !== 2) return renderToString(app, 'pages/survey', all(nonce));
        page = { q, before: parts[0]!, after: parts[1]! };
        pages.delete(key);
        pages.set(key, page);
        while (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
      }
      return page.before + nonce + page.after;
    },
    get size() {
      return pages.size;
    },
  };
}
