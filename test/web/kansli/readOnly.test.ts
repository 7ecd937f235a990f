// The analytiker's pages: read-only without dead controls (no form that would be refused), with one
// line saying why; the admin sees the controls and no such line.
import { describe, expect, it } from 'vitest';
import { makeRound, testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';

const posts = (html: string) =>
  [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]).filter((a) => a !== '/kansli/logga-ut');

describe('read-only pages for the analytiker', () => {
  it('show no controls that would be refused, and say why', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const pages = [
      '/kansli/insatser',
      '/kansli/grupper',
      '/kansli/omgangar',
      `/kansli/omgangar/${round.id}`,
      '/kansli/import',
      '/kansli/handelser',
      '/kansli/forbund',
    ];
    const reader = await signIn(app, db, 'analytiker');
    const admin = await signIn(app, db);
    for (const page of pages) {
      const read = await reader.agent.get(page);
      expect(read.status, page).toBe(200);
      expect(posts(read.text), page).toEqual([]);
      expect(read.text, page).toMatch(/Du har rollen analytiker och kan läsa [^<]+ men inte ändra (dem|den)\./);
      const full = await admin.agent.get(page);
      expect(posts(full.text).length, page).toBeGreaterThan(0);
      expect(full.text, page).not.toContain('Du har rollen analytiker');
    }
  });
});
