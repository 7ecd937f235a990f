// Property-based fuzzing of the participant follow-up CSV import. Fixed seed and bounded runs; for a
// long run: FUZZ_RUNS=5000 npx vitest run test/fuzz/import.fuzz.test.ts
//
// Files are built from the real fixture's rows and then damaged: ragged rows, embedded quotes and
// newlines, injection strings, very long cells, personal identity numbers, BOMs, other separators
// and line endings, UTF-16, random bytes; plus files of nothing but random bytes.
// Properties: importOutcomes never throws; it returns ok or a non-empty list of well-formed
// problems; ok: false changes nothing in the database; ok: true adds exactly one batch whose counts
// match the rows written, and undoing it restores the previous state.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb } from '../helpers.js';
import { luhnDigit } from '../followup/helpers.js';
import type { Db } from '../../server/db/database.js';
import { importOutcomes, listImports, undoImport } from '../../server/followup/importer.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20240917);

const FIXTURE = fs.readFileSync(new URL('../fixtures/insatsuppfoljning-2024.csv', import.meta.url), 'utf8').replace(/^\uFEFF/, '');
const [HEADER_LINE, ...ROW_LINES] = FIXTURE.split(/\r?\n/).filter((l) => l.length > 0);
const HEADER = HEADER_LINE!.split(';');
const ROWS = ROW_LINES.map((l) => l.split(';'));

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db?.close();
});

interface State {
  episodes: number;
  batches: number;
  history: number;
  insatser: number;
  created: number;
  active: number;
  digest: string | null;
}

async function state(): Promise<State> {
  return (await db.first<State>(
    `SELECT (SELECT COUNT(*) FROM episodes) AS episodes, (SELECT COUNT(*) FROM import_batches) AS batches,
            (SELECT COUNT(*) FROM episode_history) AS history, (SELECT COUNT(*) FROM insatser) AS insatser,
            (SELECT COUNT(*) FROM import_created_insatser) AS created,
            (SELECT COUNT(*) FROM import_batches WHERE undone_at IS NULL) AS active,
            (SELECT group_concat(id || ':' || gender || ':' || IFNULL(end_reason, '') || ':' || updated_batch_id, ',') FROM (SELECT * FROM episodes ORDER BY id)) AS digest`,
  ))!;
}

// ---------------------------------------------------------------------------------------------
// Generators

const HOSTILE_CELLS = [
  '=HYPERLINK("http://evil","klicka")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A9)',
  "'; DROP TABLE episodes; --",
  "1' OR '1'='1",
  '<script>alert(1)</script>',
  '"',
  '""',
  '"quoted; with separator"',
  'a"b',
  '"multi\nline"',
  'line\r\nbreak',
  '\u0000',
  '\uFEFF',
  '\u202Eevil',
  '19900101-1234', // looks like a personnummer, wrong check digit
  '19900101-1239', // a checksum-valid personnummer
  '900101-1239',
  '199001011239',
  'Anna Andersson',
  ' ',
  '',
  '9999-99-99',
  '2024-02-30',
  '2024-13-01',
  '0000-00-00',
  '1e3',
  'NaN',
  'null',
  'undefined',
  '__proto__',
  'constructor',
];
const HEADER_MUTATIONS = [
  'Personnummer',
  'Namn',
  'E-post',
  'Insats',
  'Kön',
  '',
  '"Startdatum"',
  'Startdatum ',
  'STARTDATUM',
  'Okänd kolumn',
  '__proto__',
  'Deltagar-ID',
];

const cellArb = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_CELLS), weight: 4 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => `@long:${n}`), weight: 1 },
);

const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), value: cellArb }),
  fc.record({ kind: fc.constant('drop-cell' as const), row: fc.nat(), col: fc.nat() }),
  fc.record({ kind: fc.constant('add-cell' as const), row: fc.nat(), value: cellArb }),
  fc.record({ kind: fc.constant('header' as const), col: fc.nat(), value: fc.constantFrom(...HEADER_MUTATIONS) }),
  fc.record({ kind: fc.constant('drop-column' as const), col: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-row' as const), row: fc.nat() }),
  fc.record({ kind: fc.constant('blank-row' as const), row: fc.nat() }),
);

/** null four times in five. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const fileArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('csv' as const),
      rows: fc.uniqueArray(fc.nat(ROWS.length - 1), { minLength: 0, maxLength: 25 }),
      // Often undamaged, so that accepted imports (and their undo) are fuzzed too.
      mutations: fc.oneof(
        { weight: 3, arbitrary: fc.constant([]) },
        { weight: 4, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 6 }) },
      ),
      separator: fc.constantFrom(';', ';', ';', ',', '\t', '|'),
      quoteAll: fc.boolean(),
      eol: fc.constantFrom('\r\n', '\n', '\r'),
      bom: fc.constantFrom('none', 'utf8', 'utf8', 'utf16le', 'utf16be', 'double', 'latin1'),
      garbage: rarely(fc.record({ at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) })),
      truncate: rarely(fc.nat()),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 2000 }) }) },
);

/** Luhn check over the 10 digits YYMMDDNNNC (computed here, independently of the code). */
function luhn(ten: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

// ---------------------------------------------------------------------------------------------
// Building a file

const expand = (v: string) => {
  const m = /^@long:(\d+)$/.exec(v);
  return m ? 'Å'.repeat(Number(m[1])) : v;
};

function quoteCell(cell: string, sep: string, all: boolean): string {
  if (all || cell.includes(sep) || cell.includes('"') || cell.includes('\n') || cell.includes('\r')) return `"${cell.replace(/"/g, '""')}"`;
  return cell;
}

type FileSpec = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function build(f: FileSpec): Buffer {
  if (f.kind === 'bytes') return Buffer.from(f.bytes);
  let header = [...HEADER];
  let rows = f.rows.map((i) => [...ROWS[i]!]);
  for (const m of f.mutations) {
    const r = rows.length
      ? m.kind !== 'header' && m.kind !== 'drop-column'
        ? rows[(m as { row: number }).row % rows.length]
        : undefined
      : undefined;
    switch (m.kind) {
      case 'cell':
        if (r) r[m.col % r.length] = expand(m.value);
        break;
      case 'drop-cell':
        if (r) r.splice(m.col % r.length, 1);
        break;
      case 'add-cell':
        if (r) r.push(expand(m.value));
        break;
      case 'header':
        header[m.col % header.length] = m.value;
        break;
      case 'drop-column': {
        const c = m.col % header.length;
        header = header.filter((_, i) => i !== c);
        rows = rows.map((row) => row.filter((_, i) => i !== c));
        break;
      }
      case 'duplicate-row':
        if (r) rows.push([...r]);
        break;
      case 'blank-row':
        rows.splice(m.row % (rows.length + 1), 0, []);
        break;
    }
  }
  let text =
    [header, ...rows].map((cells) => cells.map((c) => quoteCell(c, f.separator, f.quoteAll)).join(f.separator)).join(f.eol) + f.eol;
  if (f.truncate !== null) text = text.slice(0, f.truncate % (text.length + 1));
  let bytes: Buffer;
  switch (f.bom) {
    case 'utf8':
      bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      break;
    case 'double':
      bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      break;
    case 'utf16le':
      bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      break;
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
      break;
    }
    case 'latin1':
      bytes = Buffer.from(text, 'latin1');
      break;
    default:
      bytes = Buffer.from(text, 'utf8');
  }
  if (f.garbage) {
    const at = f.garbage.at % (bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(f.garbage.bytes), bytes.subarray(at)]);
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------

describe('fuzzing the follow-up CSV import', () => {
  it(
    'never throws, and a refused file changes nothing while an accepted one can be undone',
    async () => {
      const seen = { ok: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(fileArb, fc.boolean(), async (file, undo) => {
          const buffer = build(file);
          const before = await state();
          let result: Awaited<ReturnType<typeof importOutcomes>>;
          try {
            result = await importOutcomes(db, { buffer, fileName: 'fuzz.csv', codebook: 'standard', actor: 'fuzz' });
          } catch (err) {
            throw new Error(`importOutcomes threw: ${String((err as Error)?.stack ?? err)}`);
          }
          const after = await state();
          if (!result.ok) {
            seen.refused++;
            expect(Array.isArray(result.errors)).toBe(true);
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors) {
              expect(typeof e.message).toBe('string');
              expect(e.message.length).toBeGreaterThan(0);
              expect(e.row === null || (Number.isInteger(e.row) && e.row >= 1)).toBe(true);
              expect(e.column === null || typeof e.column === 'string').toBe(true);
              // A problem report never repeats a (checksum-valid) personal identity number in full.
              for (const m of e.message.matchAll(/(?<!\d)(?:19|20)?(\d{6})[-+]?(\d{4})(?!\d)/g))
                expect(luhn(m[1]! + m[2]!), `identity number in "${e.message}"`).toBe(false);
            }
            expect(after, 'a refused file must change nothing').toEqual(before);
            return;
          }
          seen.ok++;
          expect(after.batches).toBe(before.batches + 1);
          expect(after.episodes - before.episodes).toBe(result.inserted);
          expect(after.insatser - before.insatser).toBe(result.insatserCreated.length);
          const [latest] = await listImports(db);
          expect(latest!.id).toBe(result.batchId);
          expect(latest!.inserted).toBe(result.inserted);
          expect(latest!.updated).toBe(result.updated);
          expect(latest!.canUndo).toBe(true);
          // Nothing that looks like a personal identity number is ever stored.
          const leaked = await db.first<{ n: number }>(
            `SELECT COUNT(*) AS n FROM episodes WHERE participant_ref GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'
             OR IFNULL(district, '') GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'`,
          );
          expect(leaked!.n).toBe(0);
          if (undo) {
            const u = await undoImport(db, result.batchId);
            expect(u.ok, JSON.stringify(u)).toBe(true);
            const restored = await state();
            // The undone batch stays listed (with its record of created insatser); the data is as before.
            const data = (x: State) => ({ ...x, batches: 0, active: 0, created: 0 });
            expect(data(restored), `undo left ${JSON.stringify(restored)}, before ${JSON.stringify(before)}`).toEqual(data(before));
            expect(restored.active).toBe(before.active);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      if (process.env.FUZZ_RUNS) console.log('import fuzz outcomes', seen);
      expect(seen.ok).toBeGreaterThan(RUNS / 10);
      expect(seen.refused).toBeGreaterThan(RUNS / 10);
    },
    120_000 + RUNS * 100,
  );
});

// ---------------------------------------------------------------------------------------------
// Personnummer written any way, in any column, inside longer text: the file is always refused,
// the problem names that row and column, and nothing is stored (analysis/personnummer.ts).

const SEPARATORS = ['', ' ', '-', '\u2010', '\u2011', '\u2013', '\u2014', '\u2212', '\uFF0D', '.', '/', '_', '\u00A0', '\u202F', ' - '];
const written = fc
  .record({
    year: fc.integer({ min: 1920, max: 2010 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    serial: fc.integer({ min: 0, max: 999 }),
    coordination: fc.boolean(),
    century: fc.boolean(),
    groupSep: fc.constantFrom(...SEPARATORS),
    lastSep: fc.constantFrom('+', ...SEPARATORS),
    invisible: fc.constantFrom('', '\u200B', '\u2060', '\uFEFF', '\u200D'),
    fullWidth: fc.boolean(),
  })
  .map((r) => {
    const two = (n: number) => String(n).padStart(2, '0');
    const dd = two(r.day + (r.coordination ? 60 : 0));
    const nine = `${two(r.year % 100)}${two(r.month)}${dd}${String(r.serial).padStart(3, '0')}`;
    const last = `${nine.slice(6)}${luhnDigit(nine)}`;
    const y = r.century ? String(r.year) : two(r.year % 100);
    let text = `${y}${r.groupSep}${two(r.month)}${r.groupSep}${dd}${r.lastSep}${last.slice(0, 2)}${r.invisible}${last.slice(2)}`;
    if (r.fullWidth) text = text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    return { text, last };
  });

describe('personnummer anywhere in a file', () => {
  it('is always refused, reported at its row and column, and nothing is stored', async () => {
    const before = await state();
    await fc.assert(
      fc.asyncProperty(
        written,
        fc.integer({ min: 0, max: ROWS.length - 1 }),
        fc.integer({ min: 0, max: HEADER.length - 1 }),
        fc.constantFrom('', 'Samtal ', 'pnr: ', '('),
        fc.constantFrom('', ' avslutad', ')', ', se journal'),
        async (pnr, rowIndex, column, before_, after) => {
          const rows = ROWS.slice(0, Math.max(rowIndex + 1, 3)).map((r) => [...r]);
          rows[rowIndex]![column] = `${before_}${pnr.text}${after}`.replace(/;/g, ',');
          const file = Buffer.from([HEADER.join(';'), ...rows.map((r) => r.join(';'))].join('\r\n'), 'utf8');
          const result = await importOutcomes(db, { buffer: file, fileName: 'pnr.csv', codebook: 'standard' });
          if (result.ok) throw new Error(`not caught: ${JSON.stringify(pnr.text)}`);
          expect(result.errors).toContainEqual(expect.objectContaining({ row: rowIndex + 2, column: HEADER[column] }));
          expect(JSON.stringify(result.errors)).not.toContain(pnr.last);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect(await state()).toEqual(before);
  });
});
