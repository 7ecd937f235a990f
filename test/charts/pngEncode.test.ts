// The charts' own PNG encoder: lossless (every pixel, alpha included, comes back as it went in) and a
// valid file that Skia decodes.
import { describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { encodePng } from '../../server/charts/pngEncode.js';

describe('encodePng', () => {
  it('round-trips every pixel through a PNG decoder', async () => {
    const w = 37;
    const h = 23;
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < rgba.length; i += 4) {
      const p = i / 4;
      rgba[i] = (p * 7) % 256;
      rgba[i + 1] = (p * 13) % 256;
      rgba[i + 2] = (p * 29) % 256;
      rgba[i + 3] = 255; // opaque: a decoder may premultiply anything else
    }
    const png = await encodePng(rgba, w, h);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([w, h]);
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    expect(Buffer.from(ctx.getImageData(0, 0, w, h).data).equals(Buffer.from(rgba))).toBe(true);
  });

  it('keeps transparency', async () => {
    const png = await encodePng(new Uint8ClampedArray([255, 0, 0, 0, 0, 0, 255, 255]), 2, 1);
    const image = await loadImage(png);
    const canvas = createCanvas(2, 1);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const d = ctx.getImageData(0, 0, 2, 1).data;
    expect([d[3], d[4], d[5], d[6], d[7]]).toEqual([0, 0, 0, 255, 255]);
  });

  it('refuses pixels that do not match the size', async () => {
    await expect(encodePng(new Uint8ClampedArray(12), 2, 2)).rejects.toThrow(/2×2/);
  });
});
