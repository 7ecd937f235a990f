import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSurveys, SurveyFileError } from '../../surveys/loader.js';
import { projectPath } from '../../server/paths.js';
import { surveys } from '../helpers.js';

const builtin = projectPath('surveys');
const base = JSON.parse(fs.readFileSync(path.join(builtin, 'nns-personal.v1.json'), 'utf8'));

function dirWith(file: string, content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-surveys-'));
  fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('questionnaire loader', () => {
  it('ships both NNS questionnaires with the ids and scales of the issue', () => {
    const p = surveys.get('nns-deltagare-avslut')!;
    expect(p.respondentGroup).toBe('deltagare-avslut');
    expect(p.questions.map((q) => q.id)).toEqual([
      'kon',
      'tid',
      'bestamma',
      'nytta',
      'erfarenheter',
      'redo',
      'livssituation',
      'behov_kontakt',
      'stod_kontakt',
      'skillnad',
    ]);
    expect(p.questions.find((q) => q.id === 'stod_kontakt')!.showIf).toEqual({ question: 'behov_kontakt', equals: 'ja' });
    expect(p.questions.find((q) => q.id === 'skillnad')!.maxLength).toBe(2000);
    const s = surveys.get('nns-personal')!;
    expect(s.respondentGroup).toBe('insatspersonal');
    expect(s.questions.filter((q) => q.type === 'scale').every((q) => q.dontKnow)).toBe(true);
    expect(surveys.scales.frekvens!.steps.map((x) => x.label)).toEqual(['Aldrig', 'Sällan', 'Ibland', 'Ofta', 'För det mesta', 'Alltid']);
    expect(surveys.scales.omfattning!.positive).toEqual([4, 5, 6]);
  });

  it('reads the shared indicator keys of the shipped questionnaires', () => {
    const keys = (id: string) =>
      Object.fromEntries(
        surveys
          .get(id)!
          .questions.filter((q) => q.indicator)
          .map((q) => [q.id, q.indicator]),
      );
    expect(keys('nns-personal')).toEqual({
      lyssnar: 'samverkan-lyssnar',
      kunskap: 'samverkan-kunskap',
      strukturer: 'samverkan-strukturer',
      jamlikhet: 'jamstalldhet',
    });
    expect(keys('nns-deltagare-avslut')).toEqual({
      tid: 'deltagare-tid',
      bestamma: 'deltagare-inflytande',
      nytta: 'deltagare-nytta',
      erfarenheter: 'deltagare-erfarenheter',
      redo: 'deltagare-redo',
      livssituation: 'deltagare-livssituation',
      stod_kontakt: 'deltagare-stod-kontakt',
    });
    // The same key in two questionnaires is the point of it.
    const dir = dirWith('styrelse.json', { ...base, id: 'styrelse-test', respondentGroup: 'styrelse' });
    expect(loadSurveys([builtin, dir]).get('styrelse-test')!.questions[0]!.indicator).toBe('samverkan-lyssnar');
  });

  it('adds questionnaires from an extra folder, and a higher version becomes the default', () => {
    const dir = dirWith('official.json', { ...base, version: 2, title: 'Officiell version' });
    const reg = loadSurveys([builtin, dir]);
    expect(reg.get('nns-personal')!.title).toBe('Officiell version');
    expect(reg.get('nns-personal', 1)!.version).toBe(1);
  });

  const broken: [string, unknown, RegExp][] = [
    ['invalid JSON', '{ "id": ', /ogiltig JSON/],
    ['unknown scale', { ...base, questions: [{ id: 'x', type: 'scale', scale: 'nope', text: 'X?' }] }, /skalan "nope" finns inte/],
    ['bad respondent group', { ...base, respondentGroup: 'alla' }, /respondentGroup/],
    ['duplicate question', { ...base, questions: [base.questions[0], base.questions[0]] }, /två gånger/],
    [
      'showIf on a later question',
      { ...base, questions: [{ ...base.questions[0], showIf: { question: 'kunskap', equals: '4' } }, base.questions[1]] },
      /måste finnas före/,
    ],
    ['bad type', { ...base, questions: [{ id: 'x', type: 'slider', text: 'X?' }] }, /"type"/],
    ['indicator key with capitals', { ...base, questions: [{ ...base.questions[0], indicator: 'Samverkan' }] }, /"indicator" får bara/],
    ['indicator key too long', { ...base, questions: [{ ...base.questions[0], indicator: 'a'.repeat(61) }] }, /"indicator"/],
    [
      'indicator key used twice',
      { ...base, questions: [base.questions[0], { ...base.questions[1], indicator: base.questions[0].indicator }] },
      /en nyckel får bara användas en gång per enkät/,
    ],
    [
      'indicator key on a free-text question',
      { ...base, questions: [{ id: 'x', type: 'text', text: 'X?', indicator: 'fritext' }] },
      /ingen indikatorfråga/,
    ],
  ];
  it.each(broken)('stops with a message naming the file and the problem: %s', (_n, content, problem) => {
    const dir = dirWith('trasig.json', content);
    expect(() => loadSurveys([builtin, dir])).toThrow(SurveyFileError);
    try {
      loadSurveys([builtin, dir]);
    } catch (err) {
      expect((err as Error).message).toContain(path.join(dir, 'trasig.json'));
      expect((err as Error).message).toMatch(problem);
    }
  });
});
