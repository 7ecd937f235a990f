// The layout of a printed questionnaire on A4 (docs/operations.md "Pappersenkät"): which lines and
// boxes go on which page, in points. Pure: the text measurer is passed in, so the same layout can be
// drawn by any backend and checked in tests without one.
import { DONT_KNOW, type Questionnaire, type Scale } from '../surveys/types.js';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 48;

export type Measure = (text: string, size: number, bold: boolean) => number;

export type PrintItem =
  | { kind: 'text'; x: number; y: number; text: string; size: number; bold: boolean; grey?: boolean }
  | { kind: 'box'; x: number; y: number; size: number }
  | { kind: 'line'; x1: number; y: number; x2: number }
  | { kind: 'qr'; x: number; y: number; size: number };

export interface PrintPage {
  items: PrintItem[];
}

/** Breaks a text into lines no wider than `width`. */
export function wrap(text: string, width: number, size: number, bold: boolean, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Breaks a text without spaces (an address) into pieces no wider than `width`. */
function chunk(text: string, width: number, size: number, measure: Measure): string[] {
  const out: string[] = [];
  let piece = '';
  for (const ch of text) {
    if (piece && measure(piece + ch, size, false) > width) {
      out.push(piece);
      piece = ch;
    } else piece += ch;
  }
  if (piece) out.push(piece);
  return out;
}

/** The options of a question as printed: the scale's steps, Ja/Nej, the choices, and Vet ej. */
function optionsOf(q: Questionnaire['questions'][number], scales: Record<string, Scale>): { value: string; label: string }[] {
  let options: { value: string; label: string }[] = [];
  if (q.type === 'scale') options = (scales[q.scale ?? '']?.steps ?? []).map((s) => ({ value: String(s.value), label: s.label }));
  if (q.type === 'yesno')
    options = [
      { value: 'ja', label: 'Ja' },
      { value: 'nej', label: 'Nej' },
    ];
  if (q.type === 'single') options = q.options ?? [];
  if (q.dontKnow && q.type !== 'text') options.push({ value: DONT_KNOW, label: 'Vet ej' });
  return options;
}

export interface PrintHeader {
  title: string;
  /** "FINSAM-team – 2024". */
  subtitle: string;
  intro: string;
  /** The round's address, printed under the QR code. */
  url: string;
}

/**
 * Lays out the questionnaire: a header with the QR code on page 1, then each question with a box
 * per answer (in a row when they fit, else one per line) or lines to write on; a question is never
 * split over two pages. Every page ends with its number.
 */
export function layoutQuestionnaire(q: Questionnaire, scales: Record<string, Scale>, header: PrintHeader, measure: Measure): PrintPage[] {
  const width = A4.width - 2 * MARGIN;
  const bottom = A4.height - MARGIN - 24;
  const pages: PrintPage[] = [{ items: [] }];
  let page = pages[0]!;
  let y = MARGIN;

  // Header: title and subtitle beside the QR code.
  const qr = 96;
  const textWidth = width - qr - 16;
  for (const line of wrap(header.title, textWidth, 17, true, measure)) {
    page.items.push({ kind: 'text', x: MARGIN, y: (y += 20), text: line, size: 17, bold: true });
  }
  page.items.push({ kind: 'text', x: MARGIN, y: (y += 18), text: header.subtitle, size: 11, bold: false });
  y += 8;
  for (const line of wrap(header.intro, textWidth, 9.5, false, measure))
    page.items.push({ kind: 'text', x: MARGIN, y: (y += 13), text: line, size: 9.5, bold: false });
  y += 6;
  for (const line of wrap('Kryssa i en ruta per fråga. Hoppa över en fråga om du inte vill svara.', textWidth, 9.5, true, measure))
    page.items.push({ kind: 'text', x: MARGIN, y: (y += 13), text: line, size: 9.5, bold: true });
  page.items.push({ kind: 'qr', x: A4.width - MARGIN - qr, y: MARGIN, size: qr });
  page.items.push({
    kind: 'text',
    x: A4.width - MARGIN - qr,
    y: MARGIN + qr + 11,
    text: 'Eller svara på mobilen:',
    size: 7.5,
    bold: false,
    grey: true,
  });
  for (const [i, line] of chunk(header.url.replace(/^https?:\/\//, ''), qr, 7, measure).entries())
    page.items.push({ kind: 'text', x: A4.width - MARGIN - qr, y: MARGIN + qr + 21 + i * 9, text: line, size: 7, bold: false, grey: true });
  y = Math.max(y, MARGIN + qr + 21 + 9 * 3) + 14;

  q.questions.forEach((question, index) => {
    const number = index + 1;
    const block: PrintItem[] = [];
    let h = 0;
    const textLines = wrap(`${number}. ${question.text}`, width, 10.5, true, measure);
    for (const line of textLines) block.push({ kind: 'text', x: MARGIN, y: (h += 14), text: line, size: 10.5, bold: true });
    const notes: string[] = [];
    if (question.help) notes.push(question.help);
    if (question.showIf) {
      const parentIndex = q.questions.findIndex((x) => x.id === question.showIf!.question);
      const parent = q.questions[parentIndex];
      const label = parent
        ? (optionsOf(parent, scales).find((o) => o.value === question.showIf!.equals)?.label ?? question.showIf.equals)
        : '';
      notes.push(`Svara bara om du kryssade ”${label}” på fråga ${parentIndex + 1}.`);
    }
    for (const note of notes)
      for (const line of wrap(note, width, 9, false, measure))
        block.push({ kind: 'text', x: MARGIN, y: (h += 12), text: line, size: 9, bold: false, grey: true });
    if (question.type === 'text') {
      h += 8;
      for (let i = 0; i < 4; i++) block.push({ kind: 'line', x1: MARGIN, y: (h += 20), x2: MARGIN + width });
    } else {
      const options = optionsOf(question, scales);
      const box = 9;
      const widths = options.map((o) => box + 5 + measure(o.label, 9.5, false) + 16);
      h += 6;
      if (widths.reduce((a, b) => a + b, 0) <= width) {
        let x = MARGIN;
        h += 14;
        options.forEach((o, i) => {
          block.push({ kind: 'box', x, y: h - box, size: box });
          block.push({ kind: 'text', x: x + box + 5, y: h, text: o.label, size: 9.5, bold: false });
          x += widths[i]!;
        });
      } else
        for (const o of options) {
          h += 15;
          block.push({ kind: 'box', x: MARGIN, y: h - box, size: box });
          block.push({ kind: 'text', x: MARGIN + box + 5, y: h, text: o.label, size: 9.5, bold: false });
        }
    }
    h += 14;
    if (y + h > bottom && page.items.length > 0) {
      pages.push((page = { items: [] }));
      y = MARGIN;
    }
    for (const item of block) page.items.push(item.kind === 'line' ? { ...item, y: item.y + y } : { ...item, y: item.y + y });
    y += h;
  });

  pages.forEach((p, i) =>
    p.items.push({
      kind: 'text',
      x: MARGIN,
      y: A4.height - MARGIN + 8,
      text: `Sida ${i + 1} av ${pages.length} · ${header.title}`,
      size: 8,
      bold: false,
      grey: true,
    }),
  );
  return pages;
}
