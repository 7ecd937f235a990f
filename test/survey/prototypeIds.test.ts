// Question ids that are also names on Object.prototype ("constructor", and in questionnaires built
// in code "toString", "hasOwnProperty", "__proto__") are ordinary ids: the form shows them empty,
// keeps their answers on an error page and stores them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { freshDb, issueNonce, makeRound, nonceOf } from '../helpers.js';
import { loadSurveys, SurveyFileError } from '../../surveys/loader.js';
import { validateSubmission } from '../../server/survey/answerRules.js';
import { buildFormModel } from '../../server/survey/formModel.js';
import { allowedValues, type Questionnaire } from '../../surveys/types.js';
import { projectPath } from '../../server/paths.js';
import { createApp } from '../../server/app.js';
import { testConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';

const builtin = projectPath('surveys');

const questionnaire = {
  id: 'proto-test',
  version: 1,
  title: 'Prototyptest',
  intro: 'Frågor med lömska id:n.',
  respondentGroup: 'insatspersonal',
  questions: [
    { id: 'constructor', type: 'scale', scale: 'frekvens', text: 'Fråga som heter constructor' },
    { id: 'vanlig', type: 'yesno', text: 'En vanlig fråga' },
    { id: 'fritt', type: 'text', text: 'Något mer?' },
  ],
};

function dirWith(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-proto-'));
  fs.writeFileSync(path.join(dir, 'proto.json'), JSON.stringify(content));
  return dir;
}

describe('question ids named like Object.prototype members', () => {
  it('a questionnaire with a question "constructor": empty form, error page keeps its answer, answer stored', async () => {
    const registry = loadSurveys([builtin, dirWith(questionnaire)]);
    const db = await freshDb();
    const app = createApp({ db, config: testConfig({ dbPath: db.path }), surveys: registry, logger: silentLogger });
    const round = await makeRound(db, { instrumentId: 'nns-personal' });
    await db.run("UPDATE rounds SET instrument_id = 'proto-test', instrument_version = 1 WHERE id = ?", [round.id]);
    const url = `/e/${round.token}`;

    const form = await request(app).get(url);
    expect(form.status).toBe(200);
    expect(form.text).toContain('id="q-constructor"');
    expect(form.text).not.toMatch(/function|native code/); // not Object.prototype.constructor's source
    expect(form.text).not.toMatch(/name="constructor"[^>]* checked/);
    expect(form.text).not.toContain('field-error');

    // An error elsewhere: the form comes back with the "constructor" answer still chosen.
    const bad = await request(app)
      .post(url)
      .type('form')
      .send({ nonce: nonceOf(form.text), constructor: '4', vanlig: 'kanske' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/name="constructor" value="4"[^>]* checked/);
    expect(bad.text).toContain('id="err-vanlig"');
    expect(bad.text).not.toContain('id="err-constructor"');
    expect(bad.text).not.toMatch(/function|native code/);

    await request(app)
      .post(url)
      .type('form')
      .send({ nonce: await issueNonce(db, round.id), constructor: '4', vanlig: 'ja' })
      .expect(303);
    const stored = await db.all<{ question_id: string; value: string }>('SELECT question_id, value FROM answers ORDER BY question_id');
    expect(stored).toEqual([
      { question_id: 'constructor', value: '4' },
      { question_id: 'vanlig', value: 'ja' },
    ]);
    await db.close();
  });

  it('validation and the form model treat toString, hasOwnProperty and __proto__ as plain ids', () => {
    const registry = loadSurveys([builtin]);
    const ids = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];
    const q: Questionnaire = {
      id: 'code-built',
      version: 1,
      title: 't',
      intro: 'i',
      respondentGroup: 'insatspersonal',
      questions: ids.map((id) => ({ id, type: 'yesno' as const, text: id })),
    };
    const body = JSON.parse(
      '{"nonce":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","constructor":"ja","toString":"nej","hasOwnProperty":"ja","__proto__":"nej"}',
    );
    const result = validateSubmission(q, registry.scales, body);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.submission.answers).toEqual([
        { questionId: 'constructor', value: 'ja' },
        { questionId: 'toString', value: 'nej' },
        { questionId: 'hasOwnProperty', value: 'ja' },
        { questionId: '__proto__', value: 'nej' },
      ]);
    const model = buildFormModel(q, registry.scales);
    for (const m of model) {
      expect(m.value, m.id).toBe('');
      expect(m.error, m.id).toBeNull();
      expect(
        m.options.some((o) => o.checked),
        m.id,
      ).toBe(false);
    }
    const bad = validateSubmission(
      q,
      registry.scales,
      JSON.parse('{"nonce":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","constructor":"kanske"}'),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(Object.keys(bad.problems.byQuestion)).toEqual(['constructor']);
      const again = buildFormModel(q, registry.scales, bad.problems.values, bad.problems.byQuestion);
      expect(again.map((m) => [m.id, m.value, m.error !== null])).toEqual([
        ['constructor', 'kanske', true],
        ['toString', '', false],
        ['hasOwnProperty', '', false],
        ['__proto__', '', false],
        ['valueOf', '', false],
      ]);
    }
  });

  it('a scale called "constructor" that does not exist is an error in the file, not a crash later', () => {
    const broken = { ...questionnaire, questions: [{ id: 'q1', type: 'scale', scale: 'constructor', text: 'x' }] };
    expect(() => loadSurveys([builtin, dirWith(broken)])).toThrow(SurveyFileError);
    expect(() => loadSurveys([builtin, dirWith(broken)])).toThrow(/skalan "constructor" finns inte/);
    const scales = loadSurveys([builtin]).scales;
    expect(allowedValues({ id: 'q', type: 'scale', scale: 'toString', text: 'x' }, scales)).toEqual([]);
  });
});
