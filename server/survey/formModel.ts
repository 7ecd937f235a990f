// The view model of a questionnaire form: what each fieldset shows, with earlier answers and errors.
import { DONT_KNOW, type Questionnaire, type Scale } from '../../surveys/types.js';
import { localText, own } from '../../surveys/translations.js';

/** The page language and its words for the built-in answers; Swedish by default. */
export interface FormLanguage {
  lang: string;
  yes: string;
  no: string;
  dontKnow: string;
}

const SWEDISH: FormLanguage = { lang: 'sv', yes: 'Ja', no: 'Nej', dontKnow: 'Vet ej' };

export interface FormOption {
  value: string;
  label: string;
  /** The label is the Swedish one, shown because the page's language lacks it. */
  fallback: boolean;
  checked: boolean;
}

export interface FormQuestion {
  id: string;
  number: number;
  total: number;
  type: string;
  text: string;
  /** The text (and help) are Swedish, shown because the page's language lacks them. */
  textFallback: boolean;
  help: string | null;
  helpFallback: boolean;
  options: FormOption[];
  value: string;
  maxLength: number | null;
  required: boolean;
  error: string | null;
  showIf: { question: string; equals: string } | null;
}

export function buildFormModel(
  q: Questionnaire,
  scales: Record<string, Scale>,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
  language: FormLanguage = SWEDISH,
): FormQuestion[] {
  const { lang } = language;
  const translation = own(q.translations, lang);
  // The built-in answers are the page's own words; only Swedish has no fallback to mark.
  const builtIn = (label: string) => ({ label, fallback: false });
  return q.questions.map((question, i) => {
    // hasOwn: a question id such as "constructor" must not find Object.prototype's members.
    const value = Object.hasOwn(values, question.id) ? values[question.id]! : '';
    const qt = own(translation?.questions, question.id);
    let options: { value: string; label: string; fallback: boolean }[] = [];
    if (question.type === 'scale') {
      const scale = own(scales, question.scale!);
      const steps = own(scale?.translations, lang)?.steps;
      options = (scale?.steps ?? []).map((s) => {
        const label = localText(own(steps, String(s.value)), s.label, lang);
        return { value: String(s.value), label: label.text, fallback: label.fallback };
      });
    }
    if (question.type === 'single')
      options = (question.options ?? []).map((o) => {
        const label = localText(own(qt?.options, o.value), o.label, lang);
        return { value: o.value, label: label.text, fallback: label.fallback };
      });
    if (question.type === 'yesno')
      options = [
        { value: 'ja', ...builtIn(language.yes) },
        { value: 'nej', ...builtIn(language.no) },
      ];
    if (question.dontKnow && question.type !== 'text') options = [...options, { value: DONT_KNOW, ...builtIn(language.dontKnow) }];
    const text = localText(qt?.text, question.text, lang);
    const help = question.help === undefined ? null : localText(qt?.help, question.help, lang);
    return {
      id: question.id,
      number: i + 1,
      total: q.questions.length,
      type: question.type,
      text: text.text,
      textFallback: text.fallback,
      help: help?.text ?? null,
      helpFallback: help?.fallback ?? false,
      options: options.map((o) => ({ ...o, checked: o.value === value })),
      value,
      maxLength: question.type === 'text' ? (question.maxLength ?? 2000) : null,
      required: question.required === true,
      error: Object.hasOwn(errors, question.id) ? errors[question.id]! : null,
      showIf: question.showIf ?? null,
    };
  });
}

/** The questionnaire's title and intro in the language, and whether it has that language at all. */
export function formHeader(q: Questionnaire, lang: string) {
  const t = own(q.translations, lang);
  return {
    title: localText(t?.title, q.title, lang),
    intro: localText(t?.intro, q.intro, lang),
    translated: lang === 'sv' || t !== undefined,
  };
}
