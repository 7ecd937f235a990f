// Reads the survey form the way a browser sees it: the form's action, every hidden input (the
// nonce, whatever its format, and anything else the server puts there) and the options of every
// radio question, with the show-if rules from the fieldsets. Nothing here knows the questionnaire,
// so the benchmark keeps working when the form changes.

export interface SurveyForm {
  action: string;
  hidden: Array<[string, string]>;
  /** Radio question name → option values, in page order. */
  radios: Map<string, string[]>;
  /** Question id → the answer to another question that makes it shown (data-show-if). */
  showIf: Map<string, { question: string; equals: string }>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z_:][-\w:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    out.set(m[1]!.toLowerCase(), decode(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

export function parseSurveyForm(html: string): SurveyForm {
  const formTag = html.match(/<form\b[^>]*>/i)?.[0];
  if (!formTag) throw new Error('Sidan har inget formulär.');
  const action = attributes(formTag.slice(5, -1)).get('action') ?? '';
  const hidden: Array<[string, string]> = [];
  const radios = new Map<string, string[]>();
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const a = attributes(tag.slice(6, -1));
    const type = (a.get('type') ?? 'text').toLowerCase();
    const name = a.get('name');
    if (!name) continue;
    if (type === 'hidden') hidden.push([name, a.get('value') ?? '']);
    else if (type === 'radio') radios.set(name, [...(radios.get(name) ?? []), a.get('value') ?? 'on']);
  }
  const showIf = new Map<string, { question: string; equals: string }>();
  for (const [tag] of html.matchAll(/<fieldset\b[^>]*>/gi)) {
    const a = attributes(tag.slice(9, -1));
    const id = a.get('id')?.replace(/^q-/, '');
    const question = a.get('data-show-if');
    if (id && question) showIf.set(id, { question, equals: a.get('data-show-equals') ?? '' });
  }
  return { action, hidden, radios, showIf };
}

/** Deterministic, so runs are comparable. */
export { seededRandom } from '../analysis/seededRandom.js';

/**
 * The body a participant's browser posts: the hidden fields as given, one option per radio
 * question, and nothing for a follow-up question whose condition the chosen answers do not meet.
 */
export function answerBody(form: SurveyForm, random: () => number): string {
  const body = new URLSearchParams(form.hidden);
  const chosen = new Map<string, string>();
  for (const [name, options] of form.radios) {
    const rule = form.showIf.get(name);
    if (rule && chosen.get(rule.question) !== rule.equals) continue;
    const value = options[Math.floor(random() * options.length)]!;
    chosen.set(name, value);
    body.append(name, value);
  }
  return body.toString();
}
