// The benchmark's participant client (bench/form.ts) must read the real form the way a browser
// does, whatever the nonce looks like, or `npm run bench` measures error pages.
import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { answerBody, parseSurveyForm, seededRandom } from '../../bench/form.js';
import { makeRound, testApp } from '../helpers.js';

describe('benchmark form client', () => {
  it('reads the hidden fields and options of the real form and its post is stored', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db);
    const page = await request(app).get(`/e/${round.token}`).expect(200);
    const form = parseSurveyForm(page.text);
    expect(form.action).toBe(`/e/${round.token}`);
    expect(form.hidden.map(([name]) => name)).toContain('nonce');
    expect(form.radios.size).toBeGreaterThan(3);
    for (const options of form.radios.values()) expect(options.length).toBeGreaterThan(1);
    const random = seededRandom(7);
    for (let i = 0; i < 5; i++) {
      // Each post needs the nonce of its own page, like a browser that loads the form again.
      const again = parseSurveyForm((await request(app).get(`/e/${round.token}`).expect(200)).text);
      await request(app).post(again.action).type('form').send(answerBody(again, random)).expect(303);
    }
    const stored = await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses WHERE round_id = ?', [round.id]);
    expect(stored!.n).toBe(5);
    await db.close();
  });

  it('sends back every hidden input, decoded, and answers a follow-up only when it is shown', () => {
    const html = `<form method="post" action="/e/abc&amp;x">
      <input type="hidden" name="nonce" value="a&#43;b&quot;c"><input name="extra" type='hidden' value='1'>
      <fieldset id="q-behov"><input type="radio" name="behov" value="ja"><input type="radio" name="behov" value="nej"></fieldset>
      <fieldset class="question" id="q-stod"
        data-show-if="behov" data-show-equals="ja"><input type="radio" name="stod" value="5"></fieldset></form>`;
    const form = parseSurveyForm(html);
    expect(form.action).toBe('/e/abc&x');
    expect(form.hidden).toEqual([
      ['nonce', 'a+b"c'],
      ['extra', '1'],
    ]);
    expect(form.showIf.get('stod')).toEqual({ question: 'behov', equals: 'ja' });
    const bodies = Array.from({ length: 20 }, (_, i) => new URLSearchParams(answerBody(form, seededRandom(i + 1))));
    for (const b of bodies) {
      expect(b.get('nonce')).toBe('a+b"c');
      expect(b.get('extra')).toBe('1');
      expect(b.has('stod')).toBe(b.get('behov') === 'ja');
    }
    // Both answers occur, so the follow-up rule was exercised both ways.
    expect(new Set(bodies.map((b) => b.get('behov')))).toEqual(new Set(['ja', 'nej']));
  });
});
