// Messages about accessibility from the public form (/tillganglighet/synpunkter), DOS-lagen's
// feedback route. Only the message, the day and a way to answer if the sender leaves one are kept;
// personnummer are masked before anything is stored (docs/security.md).
import type { Db } from '../db/database.js';
import { maskIdentityNumbers } from '../../analysis/personnummer.js';
import { today } from '../time.js';

export const MAX_FEEDBACK_CHARS = 3000;
const MAX_REPLY_CHARS = 200;
const MASK = '[personnummer borttaget]';

export interface Feedback {
  id: number;
  receivedOn: string;
  message: string;
  replyTo: string | null;
}

/** The problem with a message in plain Swedish, or null when it can be stored. */
export function feedbackProblem(message: string, replyTo: string): string | null {
  if (!message.trim()) return 'Skriv ditt meddelande i rutan. Berätta vad som var svårt och på vilken sida.';
  if (message.length > MAX_FEEDBACK_CHARS)
    return `Meddelandet är för långt: högst ${MAX_FEEDBACK_CHARS} tecken. Korta det och skicka igen.`;
  if (replyTo.length > MAX_REPLY_CHARS) return `Kontaktuppgiften är för lång: högst ${MAX_REPLY_CHARS} tecken.`;
  return null;
}

/** Stores a message (masked); returns whether a personnummer was removed, so the page can say so. */
export async function storeFeedback(db: Db, message: string, replyTo: string): Promise<{ masked: boolean }> {
  const text = maskIdentityNumbers(message.trim(), MASK);
  const reply = replyTo.trim() ? maskIdentityNumbers(replyTo.trim(), MASK) : null;
  await db.run('INSERT INTO accessibility_feedback (received_on, message, reply_to) VALUES (?, ?, ?)', [today(), text, reply]);
  return { masked: text !== message.trim() || (reply ?? '') !== replyTo.trim() };
}

export async function listFeedback(db: Db): Promise<Feedback[]> {
  return db.all<Feedback>(
    'SELECT id, received_on AS receivedOn, message, reply_to AS replyTo FROM accessibility_feedback ORDER BY id DESC',
  );
}

/** Removes a handled message; false when there was none with that id. */
export async function removeFeedback(db: Db, id: number): Promise<boolean> {
  return (await db.run('DELETE FROM accessibility_feedback WHERE id = ?', [id])).changes > 0;
}
