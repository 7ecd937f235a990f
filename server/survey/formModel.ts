// The view model of a questionnaire form: what each fieldset shows, with earlier answers and errors.
import { DONT_KNOW, type Questionnaire, type Scale } from '../../surveys/types.js';

export interface FormOption {
  value: string;
  label: string;
  checked: boolean;
}

export interface FormQuestion {
  id: string;
  number: number;
  total: number;
  type: string;
  text: string;
  help: string | null;
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
): FormQuestion[] {
  return q.questions.map((question, i) => {
    // hasOwn: a question id such as "constructor" must not find Object.prototype's members.
    const value = Object.hasOwn(values, question.id) ? values[question.id]! : '';
    let options: { value: string; label: string }[] = [];
    if (question.type === 'scale')
      options = ((Object.hasOwn(scales, question.scale!) ? scales[question.scale!]!.steps : undefined) ?? []).map((s) => ({
        value: String(s.value),
        label: s.label,
      }));
    if (question.type === 'single') options = question.options ?? [];
    if (question.type === 'yesno')
      options = [
        { value: 'ja', label: 'Ja' },
        { value: 'nej', label: 'Nej' },
      ];
    if (question.dontKnow && question.type !== 'text') options = [...options, { value: DONT_KNOW, label: 'Vet ej' }];
    return {
      id: question.id,
      number: i + 1,
      total: q.questions.length,
      type: question.type,
      text: question.text,
      help: question.help ?? null,
      options: options.map((o) => ({ ...o, checked: o.value === value })),
      value,
      maxLength: question.type === 'text' ? (question.maxLength ?? 2000) : null,
      required: question.required === true,
      error: Object.hasOwn(errors, question.id) ? errors[question.id]! : null,
      showIf: question.showIf ?? null,
    };
  });
}
