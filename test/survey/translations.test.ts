// Translations in questionnaire and scale files: the shipped English, and a broken translation stops
// the start with a Swedish message that names the file and what is wrong.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSurveys, SurveyFileError } from '../../surveys/loader.js';
import { projectPath } from '../../server/paths.js';
import { buildFormModel, formHeader } from '../../server/survey/formModel.js';
import { surveys } from '../helpers.js';

const builtin = projectPath('surveys');
const base = JSON.parse(fs.readFileSync(path.join(builtin, 'nns-deltagare-avslut.v1.json'), 'utf8'));
const scalesFile = JSON.parse(fs.readFileSync(path.join(builtin, 'scales.json'), 'utf8'));
const EN = { lang: 'en', yes: 'Yes', no: 'No', dontKnow: "Don't know" };

function dirWith(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-translations-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

function problemOf(files: Record<string, unknown>): { file: string; message: string } {
  const dir = dirWith(files);
  try {
    loadSurveys([builtin, dir]);
  } catch (err) {
    expect(err).toBeInstanceOf(SurveyFileError);
    return { file: path.join(dir, Object.keys(files)[0]!), message: (err as Error).message };
  }
  throw new Error('the files were accepted');
}

describe('shipped translations', () => {
  it('every question, option and scale step of every shipped questionnaire has an English text', () => {
    const shipped = surveys.latest().map((q) => q.id);
    expect(shipped).toEqual(
      expect.arrayContaining([
        'nns-deltagare-avslut',
        'nns-personal',
        'nns-styrelse',
        'nns-chefer',
        'nns-remittenter',
        'nns-deltagare-pagaende',
        'kursutvardering',
      ]),
    );
    for (const id of shipped) {
      const q = surveys.get(id)!;
      const header = formHeader(q, 'en');
      expect(header.translated).toBe(true);
      expect(header.title.fallback || header.intro.fallback).toBe(false);
      const model = buildFormModel(q, surveys.scales, {}, {}, EN);
      const untranslated = model.filter((m) => m.textFallback || m.options.some((o) => o.fallback)).map((m) => m.id);
      expect(untranslated, id).toEqual([]);
      // The values are the same as in Swedish: only labels change.
      const sv = buildFormModel(q, surveys.scales);
      expect(model.map((m) => m.options.map((o) => o.value))).toEqual(sv.map((m) => m.options.map((o) => o.value)));
      expect(model.map((m) => m.text)).not.toEqual(sv.map((m) => m.text));
    }
    expect(surveys.scales.frekvens!.translations!.en!.steps!['6']).toBe('Always');
  });

  it('a text a translation leaves out falls back to Swedish and is marked so', () => {
    const q = surveys.get('nns-deltagare-avslut')!;
    const partial = { ...q, translations: { en: { title: 'Only the title', questions: { tid: { text: 'Enough time?' } } } } };
    const header = formHeader(partial, 'en');
    expect(header.title).toEqual({ text: 'Only the title', fallback: false });
    expect(header.intro).toEqual({ text: q.intro, fallback: true });
    expect(header.translated).toBe(true);
    const model = buildFormModel(partial, surveys.scales, {}, {}, EN);
    expect(model.find((m) => m.id === 'tid')).toMatchObject({ text: 'Enough time?', textFallback: false });
    expect(model.find((m) => m.id === 'nytta')).toMatchObject({ text: q.questions[3]!.text, textFallback: true });
    // A language the questionnaire lacks entirely: Swedish texts, the page says so.
    expect(formHeader(q, 'ar').translated).toBe(false);
    expect(buildFormModel(q, surveys.scales, {}, {}, { ...EN, lang: 'ar' }).every((m) => m.textFallback)).toBe(true);
  });
});

describe('broken translations', () => {
  const tr = (translations: unknown) => ({ 'trasig.json': { ...base, version: 7, translations } });
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['not an object', tr(['en']), /"translations" måste vara ett objekt/],
    ['Swedish as a translation', tr({ sv: { title: 'X' } }), /"sv" är grundspråket/],
    ['a bad language code', tr({ English: { title: 'X' } }), /språket "English" är ingen giltig språkkod/],
    ['an unknown field', tr({ en: { titel: 'X' } }), /översättningen "en": okänt fält "titel"/],
    ['an empty title', tr({ en: { title: '  ' } }), /översättningen "en": "title" måste vara en text/],
    ['an unknown question', tr({ en: { questions: { nope: { text: 'X' } } } }), /frågan "nope" finns inte i enkäten/],
    [
      'an unknown option',
      tr({ en: { questions: { kon: { options: { kvinna: 'Woman', okand: 'X' } } } } }),
      /frågan "kon": "options" har värdet "okand", som inte finns \(finns: kvinna, man, annat\)/,
    ],
    [
      'options on a scale question',
      tr({ en: { questions: { tid: { options: { '1': 'Never' } } } } }),
      /frågan "tid": okänt fält "options"/,
    ],
    ['help without Swedish help', tr({ en: { questions: { tid: { help: 'Help' } } } }), /ingen hjälptext på svenska/],
    ['an empty question text', tr({ en: { questions: { tid: { text: '' } } } }), /frågan "tid": "text" måste vara en text/],
  ];
  it.each(cases)('questionnaire: %s', (_name, files, problem) => {
    const { file, message } = problemOf(files);
    expect(message).toContain(`Enkätfilen ${file} är felaktig`);
    expect(message).toMatch(problem);
  });

  const scales = (translations: unknown) => ({
    'scales.json': {
      scales: [{ ...scalesFile.scales[0], id: 'egen', translations }],
    },
  });
  const scaleCases: [string, Record<string, unknown>, RegExp][] = [
    [
      'an unknown step',
      scales({ en: { steps: { '7': 'Beyond' } } }),
      /skalan "egen", språket "en": "steps" har värdet "7", som inte finns/,
    ],
    ['an empty step label', scales({ en: { steps: { '1': '' } } }), /texten för "1" i "steps" är tom/],
    ['an unknown field', scales({ en: { stegen: {} } }), /skalan "egen", språket "en": okänt fält "stegen"/],
    ['a bad language code', scales({ 'EN!': { label: 'X' } }), /språket "EN!" är ingen giltig språkkod/],
  ];
  it.each(scaleCases)('scale file: %s', (_name, files, problem) => {
    const { file, message } = problemOf(files);
    expect(message).toContain(`Enkätfilen ${file} är felaktig`);
    expect(message).toMatch(problem);
  });

  it('accepts a partial translation and a new language as data', () => {
    const dir = dirWith({
      'scales.json': { scales: [{ ...scalesFile.scales[0], id: 'egen', translations: { ar: { steps: { '1': 'أبدًا' } } } }] },
      'delvis.json': { ...base, version: 8, translations: { ar: { questions: { tid: { text: 'هل حصلت على وقت كافٍ؟' } } } } },
    });
    const reg = loadSurveys([builtin, dir]);
    expect(reg.get('nns-deltagare-avslut', 8)!.translations!.ar!.questions!.tid!.text).toBe('هل حصلت على وقت كافٍ؟');
    expect(reg.scales.egen!.translations!.ar!.steps).toEqual({ '1': 'أبدًا' });
  });
});
