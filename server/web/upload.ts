// Reads a multipart/form-data upload (one file plus small text fields) as a stream: the file is
// handed on while it arrives and is never held whole in memory (docs/import.md). The form puts its
// text fields (CSRF token, code book) before the file, so they are known when the file starts.
import type { Request } from 'express';
import busboy from 'busboy';
import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';

/** Largest file accepted: far above a förbund's register (1 000 000 rows are about 80 MB). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export interface UploadedFile {
  /** The file name as the browser sent it ('' when no file was chosen). */
  name: string;
  /** The text fields that came before the file. */
  fieldsBefore: Readonly<Record<string, string>>;
  /** The file's bytes; throws a UserError (413) at the end when the file was too large. */
  chunks: AsyncIterable<Uint8Array>;
  /** Resolves with every text field once the whole request has been read. */
  finished: () => Promise<Record<string, string>>;
}

const TOO_LARGE = () => new UserError(`Filen är för stor. Den får vara högst ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, 413);

async function* bytesOf(stream: Readable & { truncated?: boolean }): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield chunk as Buffer;
  if (stream.truncated) throw TOO_LARGE();
}

/**
 * Reads the upload; onFile gets the first file while it arrives. Resolves with all text fields and
 * onFile's result (undefined when the form had no file). Whatever onFile does not read is drained.
 */
export function streamUpload<T>(
  req: Request,
  onFile: (file: UploadedFile) => Promise<T>,
): Promise<{ fields: Record<string, string>; result: T | undefined }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // 120 fields: the import page's form for unknown end reasons sends two per spelling (reasonMappingForm.ts).
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 120, fieldSize: 1000 } });
    } catch {
      return reject(new UserError('Formuläret kunde inte läsas. Välj filen igen och skicka.'));
    }
    const fields: Record<string, string> = Object.create(null);
    let handling: Promise<T> | undefined;
    let closed!: () => void;
    let failed!: (err: Error) => void;
    const whole = new Promise<void>((res, rej) => ((closed = res), (failed = rej)));
    whole.catch(() => undefined);
    bb.on('field', (name, value) => (fields[name] = value));
    bb.on('file', (_name, stream, info) => {
      if (handling) return stream.resume();
      const file: UploadedFile = {
        name: info.filename ?? '',
        fieldsBefore: { ...fields },
        chunks: bytesOf(stream),
        finished: () => whole.then(() => ({ ...fields })),
      };
      handling = onFile(file).finally(() => stream.resume()); // drain what was not read
      handling.catch(() => undefined);
    });
    bb.on('error', () => {
      const err = new UserError('Filen kunde inte tas emot. Försök igen.');
      failed(err);
      reject(err);
    });
    bb.on('close', () => {
      closed();
      if (!handling) return resolve({ fields: { ...fields }, result: undefined });
      handling.then((result) => resolve({ fields: { ...fields }, result }), reject);
    });
    req.pipe(bb);
  });
}
