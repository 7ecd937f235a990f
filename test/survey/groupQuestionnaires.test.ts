// The questionnaires for every respondent group (docs/domain.md "Svarsgrupper"): each loads, keeps the
// shared indicator keys, and its public form renders every question.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeRound, surveys, testApp } from '../helpers.js';
import { loadSurveys, SurveyFileError } from '../../surveys/loader.js';
import { projectPath } from '../../server/paths.js';

const NEW = {
  'nns-deltagare-pagaende': 'deltagare-pagaende',
  'nns-styrelse': 'styrelse',
  'nns-chefer': 'chefer-i-samverkan',
  'nns-remittenter': 'remittenter',
  kursutvardering: 'kurs-deltagare',
} as const;

const keysOf = (id: string) => surveys.get(id)!.questions.flatMap((q) => (q.indicator ? [q.indicator] : []));

describe('questionnaires for every respondent group', () => {
  it.each(Object.entries(NEW))('%s loads for its group, marked as a stand-in', (id, group) => {
    const q = surveys.get(id)!;
    expect(q.version).toBe(1);
    expect(q.respondentGroup).toBe(group);
    expect(q.note).toBeTruthy();
    // Every group but the course evaluation splits by gender like the existing questionnaires.
    if (id === 'kursutvardering') expect(q.genderQuestion).toBeUndefined();
    else expect(q.questions.find((x) => x.id === q.genderQuestion)?.options?.map((o) => o.value)).toEqual(['kvinna', 'man', 'annat']);
  });

  it.each(['nns-styrelse', 'nns-chefer', 'nns-remittenter', 'nns-personal'])('%s asks the shared samverkan indicators', (id) => {
    expect(keysOf(id)).toEqual(expect.arrayContaining(['samverkan-kunskap', 'samverkan-strukturer', 'jamstalldhet']));
  });

  it('gives the participant questionnaires the same indicator keys, each on a scale question', () => {
    const participant = [
      'deltagare-tid',
      'deltagare-inflytande',
      'deltagare-nytta',
      'deltagare-erfarenheter',
      'deltagare-redo',
      'deltagare-livssituation',
      'deltagare-stod-kontakt',
    ];
    expect(keysOf('nns-deltagare-avslut')).toEqual(participant);
    expect(keysOf('nns-deltagare-pagaende')).toEqual(participant);
    expect(keysOf('nns-personal')).toEqual(['samverkan-lyssnar', 'samverkan-kunskap', 'samverkan-strukturer', 'jamstalldhet']);
    for (const q of surveys.latest()) {
      const keys = keysOf(q.id);
      expect(new Set(keys).size).toBe(keys.length); // one question per indicator and questionnaire
      for (const question of q.questions) if (question.indicator) expect(question.type).toBe('scale');
    }
  });

  it('rejects a malformed indicator key and names the question', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-ind-'));
    const base = JSON.parse(fs.readFileSync(projectPath('surveys', 'nns-styrelse.v1.json'), 'utf8'));
    base.version = 2;
    base.questions[2].indicator = 'Samverkan lyssnar';
    fs.writeFileSync(path.join(dir, 'x.json'), JSON.stringify(base));
    expect(() => loadSurveys([projectPath('surveys'), dir])).toThrow(SurveyFileError);
    expect(() => loadSurveys([projectPath('surveys'), dir])).toThrow(/"lyssnar".*"indicator"/);
  });

  it.each(Object.keys(NEW))('renders the public form of %s with every question', async (id) => {
    const t = await testApp();
    const round = await makeRound(t.db, { instrumentId: id });
    const res = await request(t.app).get(`/e/${round.token}`);
    expect(res.status).toBe(200);
    const q = surveys.get(id)!;
    for (const question of q.questions) {
      expect(res.text).toContain(`id="q-${question.id}"`);
      expect(res.text).toContain(`name="${question.id}"`);
    }
    expect(res.text.match(/<fieldset/g)?.length).toBe(q.questions.length);
    expect(res.text).toContain(q.title);
  });
});
