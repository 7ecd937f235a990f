// Signing in to the kansli web in tests.
import request from 'supertest';
import type { Db } from '../../server/db/database.js';
import type { Express } from 'express';
import { addUser } from '../../server/auth/users.js';
import { testConfig } from '../../server/config.js';

export const PASSWORD = 'korrekt-häst-batteri-häftklammer';

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in page');
  return m[1]!;
}

/** Creates a user (unless it exists) and returns a signed-in agent and the session's CSRF token. */
export async function signIn(app: Express, db: Db, role: 'admin' | 'analytiker' = 'admin', name = `${role}-anna`) {
  if (!(await db.first('SELECT id FROM users WHERE name = ?', [name]))) await addUser(db, name, role, PASSWORD, testConfig().scryptCost);
  const agent = request.agent(app);
  const form = await agent.get('/kansli/logga-in');
  const res = await agent
    .post('/kansli/logga-in')
    .type('form')
    .send({ _csrf: csrfOf(form.text), name, password: PASSWORD, back: '/kansli/omgangar' });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const page = await agent.get('/kansli/omgangar');
  return { agent, csrf: csrfOf(page.text), cookie: res.headers['set-cookie'] as unknown as string[] };
}
