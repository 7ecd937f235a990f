// Loads and validates questionnaire files. A broken file stops the start with a message that names
// the file and the problem, so a förbund that drops in NNS's official wording sees at once what to fix.
import fs from 'node:fs';
import path from 'node:path';
import { isIndicator, QUESTION_ROLES, QUESTION_TYPES, RESPONDENT_GROUPS, type Question, type Questionnaire, type Scale } from './types.js';
import { TranslationError, validateQuestionnaireTranslations, validateScaleTranslations } from './translations.js';

export class SurveyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`Enkätfilen ${file} är felaktig: ${problem}`);
  }
}

export interface SurveyRegistry {
  scales: Record<string, Scale>;
  /** A questionnaire by id and version; without version, the highest version. */
  get(id: string, version?: number): Questionnaire | undefined;
  /** The highest version of every questionnaire id, sorted by id. */
  latest(): Questionnaire[];
}

/** Runs a translation check, naming the file in its error. */
function inFile<T>(file: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof TranslationError) throw new SurveyFileError(file, err.message);
    throw err;
  }
}

const ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** An indicator key shared across questionnaires (docs/rules.md "Indikatorer över svarsgrupper"). */
export const INDICATOR_KEY = /^[a-z0-9-]{1,60}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SurveyFileError(file, `filen kan inte läsas (${(err as Error).message}).`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SurveyFileError(file, `ogiltig JSON (${(err as Error).message}).`);
  }
}

function validateScale(file: string, raw: unknown, index: number): Scale {
  const where = `skala nr ${index + 1}`;
  if (!isObject(raw)) throw new SurveyFileError(file, `${where} är inte ett objekt.`);
  if (!isText(raw.id) || !ID.test(raw.id)) throw new SurveyFileError(file, `${where} saknar giltigt "id".`);
  const steps = raw.steps;
  if (!Array.isArray(steps) || steps.length < 2) throw new SurveyFileError(file, `skalan "${raw.id}" måste ha minst två steg i "steps".`);
  const values = new Set<number>();
  const parsed = steps.map((s, i) => {
    if (!isObject(s) || !Number.isInteger(s.value) || !isText(s.label))
      throw new SurveyFileError(file, `skalan "${raw.id}", steg ${i + 1}: kräver heltal "value" och text "label".`);
    if (values.has(s.value as number)) throw new SurveyFileError(file, `skalan "${raw.id}" har steget ${String(s.value)} två gånger.`);
    values.add(s.value as number);
    return { value: s.value as number, label: s.label };
  });
  const positive = raw.positive;
  if (!Array.isArray(positive) || positive.length === 0 || !positive.every((p) => values.has(p as number)))
    throw new SurveyFileError(file, `skalan "${raw.id}": "positive" måste lista steg som finns i skalan.`);
  const scale: Scale = { id: raw.id, label: isText(raw.label) ? raw.label : raw.id, steps: parsed, positive: positive as number[] };
  if (raw.translations !== undefined) scale.translations = inFile(file, () => validateScaleTranslations(scale, raw.translations));
  return scale;
}

export function loadScales(file: string): Record<string, Scale> {
  const raw = readJson(file);
  if (!isObject(raw) || !Array.isArray(raw.scales)) throw new SurveyFileError(file, 'saknar listan "scales".');
  const scales: Record<string, Scale> = {};
  raw.scales.forEach((s, i) => {
    const scale = validateScale(file, s, i);
    if (Object.hasOwn(scales, scale.id)) throw new SurveyFileError(file, `skalan "${scale.id}" finns två gånger.`);
    scales[scale.id] = scale;
  });
  return scales;
}

function validateQuestion(file: string, raw: unknown, index: number, scales: Record<string, Scale>): Question {
  if (!isObject(raw)) throw new SurveyFileError(file, `fråga nr ${index + 1} är inte ett objekt.`);
  const where = `fråga nr ${index + 1}${isText(raw.id) ? ` ("${raw.id}")` : ''}`;
  if (!isText(raw.id) || !ID.test(raw.id)) throw new SurveyFileError(file, `${where}: "id" får bara innehålla a–z, 0–9, - och _.`);
  if (!QUESTION_TYPES.includes(raw.type as never))
    throw new SurveyFileError(file, `${where}: "type" måste vara en av ${QUESTION_TYPES.join(', ')}.`);
  if (!isText(raw.text)) throw new SurveyFileError(file, `${where}: saknar frågetext i "text".`);
  const q: Question = { id: raw.id, type: raw.type as Question['type'], text: raw.text };
  if (raw.help !== undefined) {
    if (!isText(raw.help)) throw new SurveyFileError(file, `${where}: "help" måste vara text.`);
    q.help = raw.help;
  }
  if (raw.role !== undefined) {
    if (!QUESTION_ROLES.includes(raw.role as never))
      throw new SurveyFileError(file, `${where}: "role" måste vara en av ${QUESTION_ROLES.join(', ')}.`);
    if (raw.role === 'indicator' && (q.type === 'single' || q.type === 'text'))
      throw new SurveyFileError(file, `${where}: bara skalfrågor och ja/nej-frågor kan vara indikatorer (role "indicator").`);
    q.role = raw.role as Question['role'];
  }
  if (raw.indicator !== undefined) {
    if (typeof raw.indicator !== 'string' || !INDICATOR_KEY.test(raw.indicator))
      throw new SurveyFileError(file, `${where}: "indicator" får bara innehålla a–z, 0–9 och - (högst 60 tecken).`);
    q.indicator = raw.indicator;
  }
  if (q.type === 'scale') {
    if (!isText(raw.scale) || !Object.hasOwn(scales, raw.scale))
      throw new SurveyFileError(file, `${where}: skalan "${String(raw.scale)}" finns inte.`);
    q.scale = raw.scale;
  } else if (raw.scale !== undefined) {
    throw new SurveyFileError(file, `${where}: "scale" gäller bara frågor av typen scale.`);
  }
  if (q.type === 'single') {
    const opts = raw.options;
    if (!Array.isArray(opts) || opts.length < 2)
      throw new SurveyFileError(file, `${where}: en single-fråga behöver minst två svarsalternativ i "options".`);
    const seen = new Set<string>();
    q.options = opts.map((o, i) => {
      if (!isObject(o) || !isText(o.value) || !ID.test(o.value) || !isText(o.label))
        throw new SurveyFileError(file, `${where}, alternativ ${i + 1}: kräver "value" (a–z, 0–9, -, _) och "label".`);
      if (o.value === 'vet-ej' || seen.has(o.value))
        throw new SurveyFileError(file, `${where}: alternativet "${o.value}" är upptaget eller dubblerat.`);
      seen.add(o.value);
      return { value: o.value, label: o.label };
    });
  }
  if (raw.dontKnow !== undefined) {
    if (typeof raw.dontKnow !== 'boolean') throw new SurveyFileError(file, `${where}: "dontKnow" måste vara true eller false.`);
    if (q.type === 'text') throw new SurveyFileError(file, `${where}: en textfråga kan inte ha "Vet ej".`);
    q.dontKnow = raw.dontKnow;
  }
  if (raw.required !== undefined) {
    if (typeof raw.required !== 'boolean') throw new SurveyFileError(file, `${where}: "required" måste vara true eller false.`);
    q.required = raw.required;
  }
  if (raw.maxLength !== undefined) {
    if (q.type !== 'text' || !Number.isInteger(raw.maxLength) || (raw.maxLength as number) < 1 || (raw.maxLength as number) > 10000)
      throw new SurveyFileError(file, `${where}: "maxLength" gäller textfrågor och måste vara ett heltal 1–10000.`);
    q.maxLength = raw.maxLength as number;
  }
  if (q.type === 'text' && q.maxLength === undefined) q.maxLength = 2000;
  if (raw.showIf !== undefined) {
    const s = raw.showIf;
    if (!isObject(s) || !isText(s.question) || !isText(s.equals))
      throw new SurveyFileError(file, `${where}: "showIf" kräver "question" och "equals".`);
    q.showIf = { question: s.question, equals: s.equals };
  }
  return q;
}

export function validateQuestionnaire(file: string, raw: unknown, scales: Record<string, Scale>): Questionnaire {
  if (!isObject(raw)) throw new SurveyFileError(file, 'filen måste innehålla ett JSON-objekt.');
  if (!isText(raw.id) || !ID.test(raw.id)) throw new SurveyFileError(file, '"id" saknas eller innehåller otillåtna tecken.');
  if (!Number.isInteger(raw.version) || (raw.version as number) < 1)
    throw new SurveyFileError(file, '"version" måste vara ett heltal från 1 och uppåt.');
  if (!isText(raw.title)) throw new SurveyFileError(file, '"title" saknas.');
  if (!isText(raw.intro)) throw new SurveyFileError(file, '"intro" saknas.');
  if (!RESPONDENT_GROUPS.includes(raw.respondentGroup as never))
    throw new SurveyFileError(file, `"respondentGroup" måste vara en av ${RESPONDENT_GROUPS.join(', ')}.`);
  if (!Array.isArray(raw.questions) || raw.questions.length === 0)
    throw new SurveyFileError(file, '"questions" måste vara en lista med minst en fråga.');
  const questions = raw.questions.map((q, i) => validateQuestion(file, q, i, scales));
  const ids = new Set<string>();
  const keys = new Map<string, string>();
  questions.forEach((q, i) => {
    if (ids.has(q.id)) throw new SurveyFileError(file, `frågan "${q.id}" finns två gånger.`);
    if (q.indicator !== undefined) {
      // A key names one question per questionnaire, so a group's cell is that question's figure.
      const other = keys.get(q.indicator);
      if (other !== undefined)
        throw new SurveyFileError(
          file,
          `indikatorn "${q.indicator}" används av både "${other}" och "${q.id}"; en nyckel får bara användas en gång per enkät.`,
        );
      if (!isIndicator(q))
        throw new SurveyFileError(
          file,
          `frågan "${q.id}" har "indicator" men är ingen indikatorfråga (bara skalfrågor och ja/nej-frågor med andel positiva kan ha en indikatornyckel).`,
        );
      keys.set(q.indicator, q.id);
    }
    if (q.showIf) {
      const target = questions.slice(0, i).find((p) => p.id === q.showIf!.question);
      if (!target)
        throw new SurveyFileError(file, `frågan "${q.id}" visas villkorat av "${q.showIf.question}", som måste finnas före den.`);
      if (target.showIf) throw new SurveyFileError(file, `frågan "${q.id}" kan inte bero på "${target.id}", som själv är villkorad.`);
    }
    ids.add(q.id);
  });
  let genderQuestion: string | undefined;
  if (raw.genderQuestion !== undefined) {
    const g = questions.find((q) => q.id === raw.genderQuestion);
    if (!g || g.type !== 'single' || g.showIf)
      throw new SurveyFileError(file, '"genderQuestion" måste peka på en ovillkorad fråga av typen single.');
    genderQuestion = g.id;
  }
  return {
    id: raw.id,
    version: raw.version as number,
    title: raw.title,
    intro: raw.intro,
    respondentGroup: raw.respondentGroup as Questionnaire['respondentGroup'],
    ...(genderQuestion ? { genderQuestion } : {}),
    ...(isText(raw.note) ? { note: raw.note } : {}),
    questions,
    ...(raw.translations !== undefined
      ? { translations: inFile(file, () => validateQuestionnaireTranslations(questions, raw.translations)) }
      : {}),
    source: file,
  };
}

/**
 * Loads scales.json from the built-in folder and every *.json questionnaire from the given folders
 * (built-in first). A file in a later folder with the same id and version replaces the built-in one.
 */
export function loadSurveys(dirs: string[]): SurveyRegistry {
  const builtin = dirs[0];
  if (!builtin) throw new Error('Ingen enkätkatalog angiven.');
  let scales = loadScales(path.join(builtin, 'scales.json'));
  const byKey = new Map<string, Questionnaire>();
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new SurveyFileError(dir, 'katalogen finns inte.');
    const extraScales = path.join(dir, 'scales.json');
    if (dir !== builtin && fs.existsSync(extraScales)) scales = { ...scales, ...loadScales(extraScales) };
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.json') || name === 'scales.json') continue;
      const file = path.join(dir, name);
      const q = validateQuestionnaire(file, readJson(file), scales);
      byKey.set(`${q.id}@${q.version}`, q);
    }
  }
  const all = [...byKey.values()];
  const get = (id: string, version?: number) => {
    if (version !== undefined) return byKey.get(`${id}@${version}`);
    return all.filter((q) => q.id === id).sort((a, b) => b.version - a.version)[0];
  };
  return {
    scales,
    get,
    latest: () =>
      [...new Set(all.map((q) => q.id))]
        .sort()
        .map((id) => get(id)!)
        .filter(Boolean),
  };
}
