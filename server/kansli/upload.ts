// Reads a multipart/form-data upload (one file plus small text fields) into memory, with limits.
import type { Request } from 'express';
import busboy from 'busboy';
import { UserError } from '../errors.js';

export interface Upload {
  fields: Record<string, string>;
  file: { name: string; data: Buffer } | null;
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function readUpload(req: Request): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 10, fieldSize: 1000 } });
    } catch {
      return reject(new UserError('Formuläret kunde inte läsas. Välj filen igen och skicka.'));
    }
    const fields: Record<string, string> = Object.create(null);
    let file: Upload['file'] = null;
    let tooLarge = false;
    bb.on('field', (name, value) => (fields[name] = value));
    bb.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (tooLarge = true));
      stream.on('end', () => (file = { name: info.filename || 'fil.csv', data: Buffer.concat(chunks) }));
    });
    bb.on('error', () => reject(new UserError('Filen kunde inte tas emot. Försök igen.')));
    bb.on('close', () =>
      tooLarge ? reject(new UserError(`Filen är för stor. Den får vara högst ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, 413)) : resolve({ fields, file }),
    );
    req.pipe(bb);
  });
}
