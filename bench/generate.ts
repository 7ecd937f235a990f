// Fast bulk data for report benchmarks: recursive-CTE INSERT … SELECT inside one transaction.
import type { Db } from '../server/db/database.js';
import { STANDARD_CODEBOOK } from '../server/followup/codebooks.js';

/** n responses spread over `rounds` rounds of one insats and year, with 9 closed answers each. */
export async function generateResponses(db: Db, n: number, year: number, insatsId: number, rounds: number): Promise<void> {
  await db.transaction(async (tx) => {
    const first = (await tx.first<{ id: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM rounds'))!.id;
    for (let i = 0; i < rounds; i++)
      await tx.run(
        `INSERT INTO rounds (token, instrument_id, instrument_version, insats_id, period, year) VALUES (?, 'nns-deltagare-avslut', 1, ?, ?, ?)`,
        [`benchtoken${year}x${first + i}xxxxxxxxxxxx`, insatsId, String(year), year],
      );
    const base = (await tx.first<{ id: number }>('SELECT COALESCE(MAX(id), 0) AS id FROM responses'))!.id;
    await tx.run(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
       INSERT INTO responses (id, round_id, submitted_on, instrument_version, gender)
       SELECT ? + i, ? + (i % ?), ? || '-06-15', 1, CASE i % 5 WHEN 0 THEN 'man' WHEN 1 THEN 'man' WHEN 2 THEN 'annat' ELSE 'kvinna' END FROM s`,
      [n, base, first, rounds, String(year)],
    );
    for (const q of ['tid', 'bestamma', 'nytta', 'erfarenheter', 'redo', 'livssituation', 'stod_kontakt']) {
      await tx.run(
        `INSERT INTO answers (response_id, round_id, question_id, value, gender)
         SELECT id, round_id, ?, CAST(1 + ((id * 7 + length(?)) % 6) AS TEXT), gender FROM responses WHERE id > ?`,
        [q, q, base],
      );
    }
    await tx.run(
      `INSERT INTO answers (response_id, round_id, question_id, value, gender)
       SELECT id, round_id, 'behov_kontakt', CASE id % 4 WHEN 0 THEN 'nej' ELSE 'ja' END, gender FROM responses WHERE id > ?`,
      [base],
    );
    await tx.run(
      `INSERT INTO answers (response_id, round_id, question_id, value, gender)
       SELECT id, round_id, 'kon', gender, gender FROM responses WHERE id > ? AND gender != 'annat'`,
      [base],
    );
  });
}

const REASONS = STANDARD_CODEBOOK.reasons;

/** n participant episodes over five insatser, starting 2022–2024, two thirds ended. */
export async function generateEpisodes(db: Db, n: number, insatsIds: number[]): Promise<void> {
  await db.transaction(async (tx) => {
    const { lastID: batch } = await tx.run(
      "INSERT INTO import_batches (imported_at, file_name, codebook, rows_in_file, inserted) VALUES (datetime('now'), 'bench', 'standard', ?, ?)",
      [n, n],
    );
    const ids = insatsIds.join(',');
    await tx.run(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
       INSERT INTO episodes (insats_id, participant_ref, start_date, end_date, end_reason, gender, birth_year, education, time_without_work, referrer, created_batch_id, updated_batch_id)
       SELECT json_extract('[${ids}]', '$[' || (i % ${insatsIds.length}) || ']'), 'B' || i,
              date('2022-01-01', '+' || (i % 1000) || ' days'),
              CASE WHEN i % 3 = 0 THEN NULL ELSE date('2022-01-01', '+' || ((i % 1000) + 30 + (i % 400)) || ' days') END,
              CASE WHEN i % 3 = 0 THEN NULL ELSE json_extract(?, '$[' || (i % 10) || ']') END,
              CASE i % 2 WHEN 0 THEN 'kvinna' ELSE 'man' END, 1960 + (i % 45),
              CASE i % 3 WHEN 0 THEN 'Grundskola' WHEN 1 THEN 'Gymnasium' ELSE 'Eftergymnasial utbildning' END,
              CASE i % 4 WHEN 0 THEN 'Mindre än 1 år' WHEN 1 THEN '1–2 år' WHEN 2 THEN '3–4 år' ELSE '5 år eller mer' END,
              CASE i % 5 WHEN 0 THEN 'Arbetsförmedlingen' WHEN 1 THEN 'Försäkringskassan' WHEN 2 THEN 'Jobbtorg/staden' WHEN 3 THEN 'Hälso- och sjukvård' ELSE 'Egen anmälan' END,
              ?, ?
         FROM s`,
      [n, JSON.stringify(REASONS), batch, batch],
    );
  });
}

export const FOLLOW_UP_HEADER =
  'Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak';

/** Row i of a generated follow-up file: seven insatser, two of three episodes ended. */
export function followUpRow(i: number): string {
  const start = new Date(Date.UTC(2023, 0, 1) + (i % 600) * 86_400_000);
  const ended = i % 3 !== 0;
  const end = new Date(start.getTime() + (30 + (i % 300)) * 86_400_000);
  return [
    `Insats ${i % 7}`,
    `P${i}`,
    i % 2 ? 'Kvinna' : 'Man',
    1960 + (i % 45),
    'Gymnasium',
    '1–2 år',
    'Arbetsförmedlingen',
    'Södermalm',
    start.toISOString().slice(0, 10),
    ended ? end.toISOString().slice(0, 10) : '',
    ended ? REASONS[i % REASONS.length] : '',
  ].join(';');
}

/** The follow-up CSV the importer reads, n rows. */
export function followUpCsv(n: number): Buffer {
  const lines = [FOLLOW_UP_HEADER];
  for (let i = 0; i < n; i++) lines.push(followUpRow(i));
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
