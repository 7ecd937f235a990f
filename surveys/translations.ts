// Translations of a questionnaire's and a scale's texts (docs/configuration.md, "Översättningar").
// Only texts are translated, never values: an answer given in English is stored as the same value as
// one given in Swedish and counted with it. A text a translation leaves out is shown in Swedish.
import type { Question, QuestionnaireTranslation, QuestionTranslation, Scale, ScaleTranslation } from './types.js';

/** A language key: a lower-case BCP 47-like tag such as "en", "ar" or "sv-lattlast". Swedish is the base. */
const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,12})*$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Thrown with a Swedish description; the loader adds the file name (SurveyFileError). */
export class TranslationError extends Error {}

function onlyKeys(where: string, raw: Json, allowed: string[]): void {
  const extra = Object.keys(raw).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    throw new TranslationError(`${where}: okänt fält "${extra[0]}" (tillåtna: ${allowed.map((a) => `"${a}"`).join(', ')}).`);
}

function text(where: string, field: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (!isText(v)) throw new TranslationError(`${where}: "${field}" måste vara en text som inte är tom.`);
  return v;
}

/** Labels keyed by value: every key must be one of `values`, every label a non-empty text. */
function labels(where: string, raw: unknown, values: string[], what: string): Record<string, string> {
  if (!isObject(raw)) throw new TranslationError(`${where}: "${what}" måste vara ett objekt med värde → text.`);
  const out: Record<string, string> = {};
  for (const [value, label] of Object.entries(raw)) {
    if (!values.includes(value))
      throw new TranslationError(`${where}: "${what}" har värdet "${value}", som inte finns (finns: ${values.join(', ')}).`);
    if (!isText(label)) throw new TranslationError(`${where}: texten för "${value}" i "${what}" är tom eller inte en text.`);
    out[value] = label;
  }
  return out;
}

/** Each language key, checked; the map itself must be an object. */
function languages(where: string, raw: unknown): [string, Json][] {
  if (!isObject(raw)) throw new TranslationError(`${where}: "translations" måste vara ett objekt med ett språk per nyckel, t.ex. "en".`);
  return Object.entries(raw).map(([lang, t]) => {
    if (lang === 'sv') throw new TranslationError(`${where}: "sv" är grundspråket och hör inte hemma i "translations".`);
    if (!LANGUAGE.test(lang))
      throw new TranslationError(`${where}: språket "${lang}" är ingen giltig språkkod (t.ex. "en", "ar", "sv-lattlast").`);
    if (!isObject(t)) throw new TranslationError(`${where}, språket "${lang}": måste vara ett objekt.`);
    return [lang, t];
  });
}

export function validateScaleTranslations(scale: Scale, raw: unknown): Record<string, ScaleTranslation> {
  const out: Record<string, ScaleTranslation> = {};
  for (const [lang, t] of languages(`skalan "${scale.id}"`, raw)) {
    const where = `skalan "${scale.id}", språket "${lang}"`;
    onlyKeys(where, t, ['label', 'steps']);
    const label = text(where, 'label', t.label);
    out[lang] = {
      ...(label ? { label } : {}),
      ...(t.steps !== undefined
        ? {
            steps: labels(
              where,
              t.steps,
              scale.steps.map((s) => String(s.value)),
              'steps',
            ),
          }
        : {}),
    };
  }
  return out;
}

function validateQuestionTranslation(where: string, q: Question, raw: unknown): QuestionTranslation {
  if (!isObject(raw)) throw new TranslationError(`${where}: måste vara ett objekt.`);
  onlyKeys(where, raw, q.type === 'single' ? ['text', 'help', 'options'] : ['text', 'help']);
  const t = text(where, 'text', raw.text);
  const help = text(where, 'help', raw.help);
  if (help && !q.help) throw new TranslationError(`${where}: har "help", men frågan har ingen hjälptext på svenska.`);
  return {
    ...(t ? { text: t } : {}),
    ...(help ? { help } : {}),
    ...(raw.options !== undefined
      ? {
          options: labels(
            where,
            raw.options,
            (q.options ?? []).map((o) => o.value),
            'options',
          ),
        }
      : {}),
  };
}

export function validateQuestionnaireTranslations(questions: Question[], raw: unknown): Record<string, QuestionnaireTranslation> {
  const out: Record<string, QuestionnaireTranslation> = {};
  for (const [lang, t] of languages('enkäten', raw)) {
    const where = `översättningen "${lang}"`;
    onlyKeys(where, t, ['title', 'intro', 'questions']);
    const title = text(where, 'title', t.title);
    const intro = text(where, 'intro', t.intro);
    const byId: Record<string, QuestionTranslation> = {};
    if (t.questions !== undefined) {
      if (!isObject(t.questions)) throw new TranslationError(`${where}: "questions" måste vara ett objekt med fråge-id som nycklar.`);
      for (const [id, qt] of Object.entries(t.questions)) {
        const q = questions.find((x) => x.id === id);
        if (!q) throw new TranslationError(`${where}: frågan "${id}" finns inte i enkäten.`);
        byId[id] = validateQuestionTranslation(`${where}, frågan "${id}"`, q, qt);
      }
    }
    out[lang] = { ...(title ? { title } : {}), ...(intro ? { intro } : {}), ...(t.questions !== undefined ? { questions: byId } : {}) };
  }
  return out;
}

/** A text in the wanted language, or the Swedish one; `fallback` says the Swedish one is shown instead. */
export interface LocalText {
  text: string;
  fallback: boolean;
}

export function localText(translated: string | undefined, swedish: string, lang: string): LocalText {
  if (lang === 'sv' || translated === undefined) return { text: swedish, fallback: lang !== 'sv' };
  return { text: translated, fallback: false };
}

/** Own keys only: a language or id such as "constructor" must not find Object.prototype's members. */
export function own<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map && Object.hasOwn(map, key) ? map[key] : undefined;
}
