// The printed questionnaire: an A4 PDF with every question, never a question split over two pages.
import { describe, expect, it } from 'vitest';
import { A4, layoutQuestionnaire, MARGIN, wrap } from '../../analysis/printLayout.js';
import { questionnairePdf } from '../../server/charts/questionnairePdf.js';
import { makeRound, surveys, testApp } from '../helpers.js';
import { signIn } from '../web/helpers.js';

// A measurer for the pure layout: 0.5 em per character.
const measure = (text: string, size: number) => text.length * size * 0.5;
const header = {
  title: 'Enkät',
  subtitle: 'FINSAM-team – 2024',
  intro: 'Enkäten är anonym.',
  url: 'https://enkat.example.se/e/abcdefghijklmnopqrstuvwxyz012345',
};

describe('printed questionnaire', () => {
  it('lays out every question with a box per answer, inside the page, and numbers the pages', () => {
    const q = surveys.get('nns-deltagare-avslut')!;
    const pages = layoutQuestionnaire(q, surveys.scales, header, measure);
    const texts = pages.flatMap((p) => p.items.filter((i) => i.kind === 'text').map((i) => (i as { text: string }).text)).join('\n');
    q.questions.forEach((question, i) => expect(texts.replace(/\n/g, ' ')).toContain(`${i + 1}. ${question.text.split(' ')[0]}`));
    // The follow-up says when to answer it.
    expect(texts).toMatch(/Svara bara om du kryssade ”Ja” på fråga \d+\./);
    // 6 steps of "Hur ofta" per frequency question, plus Ja/Nej.
    expect(pages.flatMap((p) => p.items).filter((i) => i.kind === 'box').length).toBeGreaterThanOrEqual(6 * 5 + 2);
    for (const p of pages)
      for (const item of p.items) {
        const y = item.y;
        expect(y).toBeGreaterThanOrEqual(MARGIN - 1);
        expect(y).toBeLessThanOrEqual(A4.height - MARGIN + 9);
      }
    expect(texts).toContain(`Sida 1 av ${pages.length}`);
    expect(pages.flatMap((p) => p.items).filter((i) => i.kind === 'qr')).toHaveLength(1);
  });

  it('wraps long texts within the width', () => {
    const lines = wrap('ett två tre fyra fem sex sju åtta nio tio', 40, 10, false, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(measure(l, 10)).toBeLessThanOrEqual(40);
  });

  it('draws a PDF with the bundled fonts', () => {
    const pdf = questionnairePdf(surveys.get('nns-personal')!, surveys.scales, header);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    // A4 in points (Skia writes the box rounded).
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595(\.\d+)? 842(\.\d+)?\]/);
  });

  it('is served for a round, named by round and questionnaire', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const { agent } = await signIn(app, db, 'analytiker');
    const res = await agent.get(`/kansli/omgangar/${round.id}/enkat.pdf`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`enkat-${round.id}-nns-deltagare-avslut.pdf`);
    expect(Buffer.from(res.body).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
