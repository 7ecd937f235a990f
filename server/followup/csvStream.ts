// Reading a follow-up CSV as a stream of records, in bounded memory: a 1 000 000-row file is never
// held whole, neither as bytes nor as text nor as rows (docs/import.md).
//
// Encoding: a UTF-16 BOM means UTF-16. Otherwise the bytes are ASCII until the first byte ≥ 0x80;
// the rest of that chunk (64 KiB of evidence) decides: valid UTF-8 → UTF-8, else Windows-1252 (what
// Swedish Excel writes for "CSV (semikolonavgränsad)"). A file that later turns out to mix the two,
// or has more than 1 % characters that only a wrong encoding produces, is rejected as unreadable.
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import {
  UNREADABLE,
  decodeWindows1252,
  detectSeparator,
  oddCharacters,
  tooManyOdd,
  type Encoding,
  type FileProblem,
  type RawRow,
} from './csvFile.js';

/** A problem that stops reading the file: it is the only one reported (with any found before it). */
export class FileFailure extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.message);
  }
}

const whole = (message: string) => new FileFailure({ row: null, column: null, message });

const XLSX =
  'Filen är en Excel-arbetsbok (.xlsx) och inte en CSV-fil. Öppna den i Excel, välj Spara som → "CSV UTF-8 (kommaavgränsad)" och importera den filen.';
const MIXED =
  'Filen kunde inte läsas: den blandar två teckenkodningar (UTF-8 och Windows-1252). Öppna filen i Excel och spara den som "CSV UTF-8 (kommaavgränsad)", och importera sedan igen.';
const QUOTE =
  'Filen kunde inte tolkas som CSV: ett citattecken (") saknar sin avslutning eller står på fel ställe. Rätta raden i Excel och spara filen som CSV igen.';

export const CHUNK_BYTES = 64 * 1024;

/** A buffer as a stream of chunks, so that a file in memory takes the same path as an upload. */
export async function* chunksOf(buffer: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buffer.length; i += CHUNK_BYTES) yield buffer.subarray(i, i + CHUNK_BYTES);
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function firstHighByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/** Decodes a byte stream into text chunks; info.encoding is known once the text needs it. */
export async function* decodeStream(source: AsyncIterable<Uint8Array>, info: { encoding: Encoding }): AsyncGenerator<string> {
  let mode: 'start' | 'ascii' | 'utf8' | 'utf16' | '1252' = 'start';
  let decoder: TextDecoder | null = null;
  let head: Uint8Array = new Uint8Array(0);
  let length = 0;
  let odd = 0;
  const checked = (text: string): string => {
    const n = oddCharacters(text);
    if (n < 0) throw whole(UNREADABLE);
    odd += n;
    length += text.length;
    return text;
  };

  function* decode(chunk: Uint8Array): Generator<string> {
    if (mode === 'ascii') {
      const k = firstHighByte(chunk);
      if (k < 0) {
        yield checked(latin1(chunk));
        return;
      }
      if (k > 0) yield checked(latin1(chunk.subarray(0, k)));
      const rest = chunk.subarray(k);
      const utf8 = new TextDecoder('utf-8', { fatal: true });
      let text: string | null = null;
      try {
        text = utf8.decode(rest, { stream: true });
      } catch {
        /* not UTF-8 */
      }
      if (text !== null) {
        mode = 'utf8';
        decoder = utf8;
        info.encoding = 'utf-8';
        yield checked(text);
      } else {
        mode = '1252';
        info.encoding = 'windows-1252';
        yield checked(decodeWindows1252(rest));
      }
    } else if (mode === 'utf8') {
      try {
        yield checked(decoder!.decode(chunk, { stream: true }));
      } catch {
        throw whole(MIXED);
      }
    } else if (mode === 'utf16') yield checked(decoder!.decode(chunk, { stream: true }));
    else yield checked(decodeWindows1252(chunk));
  }

  function start(bytes: Uint8Array): void {
    const b = bytes;
    if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) throw whole(XLSX);
    if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
      mode = 'utf16';
      info.encoding = 'utf-16';
      decoder = new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be'); // drops the BOM
    } else mode = 'ascii';
  }

  for await (const chunk of source) {
    if (mode === 'start') {
      head = head.length ? Buffer.concat([head, chunk]) : chunk;
      if (head.length < 4) continue;
      start(head);
      yield* decode(head);
      head = new Uint8Array(0);
      continue;
    }
    yield* decode(chunk);
  }
  if (mode === 'start' && head.length) {
    start(head);
    yield* decode(head);
  }
  if (decoder) {
    try {
      yield checked((decoder as TextDecoder).decode());
    } catch {
      throw whole(MIXED);
    }
  }
  if (tooManyOdd(odd, length)) throw whole(UNREADABLE);
}

/** Resolves when the stream can take more, or has closed; rejects on its error. */
function drained(stream: Readable & { writableNeedDrain?: boolean }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) return resolve();
    const done = () => {
      stream.off('drain', done).off('close', done).off('error', failed);
      resolve();
    };
    const failed = (err: Error) => {
      stream.off('drain', done).off('close', done).off('error', failed);
      reject(err);
    };
    stream.on('drain', done).on('close', done).on('error', failed);
  });
}

/**
 * The records of the file (header first) with their file line numbers, skipping empty lines.
 * Throws FileFailure for a file that cannot be read.
 */
export async function* csvRecords(source: AsyncIterable<Uint8Array>, info: { encoding: Encoding }): AsyncGenerator<RawRow> {
  const texts = decodeStream(source, info)[Symbol.asyncIterator]();
  // The separator is the one used in the first line with content.
  let first = '';
  for (;;) {
    const next = await texts.next();
    if (next.done) break;
    first += next.value;
    if (/\S[^\n\r]*[\r\n]/.test(first) || first.length > CHUNK_BYTES) break;
  }
  first = first.replace(/^\uFEFF/, '');
  const separator = detectSeparator(first);
  const parser = parse({ delimiter: separator, relax_column_count: true, skip_empty_lines: true, info: true });
  // Feeds the parser; a decoding failure is kept for the reader, a parser error reaches it through
  // the parser itself.
  let feedError: unknown = null;
  const feed = (async () => {
    let text = first;
    for (;;) {
      if (parser.destroyed) return; // the reader stopped early, or the parser failed
      if (text && !parser.write(text)) await drained(parser).catch(() => undefined);
      if (parser.destroyed) return;
      let next: IteratorResult<string>;
      try {
        next = await texts.next();
      } catch (err) {
        feedError = err;
        parser.destroy();
        return;
      }
      if (next.done) break;
      text = next.value;
    }
    parser.end();
  })();
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: r.info.lines, cells: r.record };
    }
  } catch (err) {
    if (feedError) throw feedError;
    const line = (err as { lines?: number }).lines;
    throw new FileFailure({ row: typeof line === 'number' ? line : null, column: null, message: QUOTE });
  } finally {
    if (!parser.destroyed) parser.destroy();
    await feed;
  }
  if (feedError) throw feedError;
}
