// A printed questionnaire as an A4 PDF (docs/operations.md "Pappersenkät"): the layout from
// analysis/printLayout.ts drawn with the bundled fonts on @napi-rs/canvas's PDF document, with the
// round's QR code, so a förbund that collects on paper prints the same questions it shows on the web.
import { createCanvas, PDFDocument } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { A4, layoutQuestionnaire, type PrintHeader } from '../../analysis/printLayout.js';
import type { Questionnaire, Scale } from '../../surveys/types.js';
import { CHART_FONT_FAMILY, registerFonts } from './renderer.js';

// One small canvas for measuring text; the fonts are registered before its first use.
const measureCtx = createCanvas(10, 10).getContext('2d');

const font = (size: number, bold: boolean) => `${bold ? 'bold ' : ''}${size}px "${CHART_FONT_FAMILY}"`;

function drawQr(ctx: Pick<CanvasRenderingContext2D, 'fillRect' | 'fillStyle'>, url: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  ctx.fillStyle = '#000';
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) ctx.fillRect(x + c * cell, y + r * cell, cell + 0.05, cell + 0.05);
}

export function questionnairePdf(q: Questionnaire, scales: Record<string, Scale>, header: PrintHeader): Buffer {
  registerFonts();
  const doc = new PDFDocument({ title: `${header.title} – ${header.subtitle}`, creator: 'Finsam indikatorer' });
  // A throwaway page measures the text with the same fonts the pages are drawn in.
  const pages = layoutQuestionnaire(q, scales, header, (text, size, bold) => {
    measureCtx.font = font(size, bold);
    return measureCtx.measureText(text).width;
  });
  for (const page of pages) {
    const ctx = doc.beginPage(A4.width, A4.height);
    ctx.textBaseline = 'alphabetic';
    for (const item of page.items) {
      if (item.kind === 'text') {
        ctx.font = font(item.size, item.bold);
        ctx.fillStyle = item.grey ? '#444' : '#000';
        ctx.fillText(item.text, item.x, item.y);
      } else if (item.kind === 'box') {
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 0.8;
        ctx.strokeRect(item.x, item.y, item.size, item.size);
      } else if (item.kind === 'line') {
        ctx.strokeStyle = '#888';
        ctx.lineWidth = 0.5;
        ctx.beginPath();
        ctx.moveTo(item.x1, item.y);
        ctx.lineTo(item.x2, item.y);
        ctx.stroke();
      } else drawQr(ctx, header.url, item.x, item.y, item.size);
    }
    doc.endPage();
  }
  return doc.close();
}
