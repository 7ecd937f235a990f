// The one check every free-text field the kansli can type goes through before it is stored
// (insats names, round periods, target labels, user names), and the cleaning of upload file names.
// No personnummer is stored or shown (docs/security.md); the message never repeats the number.
import { containsIdentityNumber, maskIdentityNumbers } from '../../analysis/personnummer.js';
import { UserError } from '../errors.js';

/** The plain Swedish message for a field that holds a personnummer, or null when it holds none. */
export function identityNumberProblem(value: string | null | undefined, field: string): string | null {
  if (!value || !containsIdentityNumber(value)) return null;
  return `${field} innehåller något som ser ut som ett personnummer. Personnummer får inte sparas här. Ta bort numret och försök igen.`;
}

/** Throws a UserError (400) when value holds a personnummer. field: the field's Swedish label. */
export function rejectIdentityNumber(value: string | null | undefined, field: string): void {
  const problem = identityNumberProblem(value, field);
  if (problem) throw new UserError(problem);
}

/** An upload's file name as it may be stored and shown: personnummer replaced, length capped. */
export function safeFileName(name: string): string {
  const clean = maskIdentityNumbers(name.trim(), '[personnummer]').slice(0, 200).trim();
  return clean || 'okänd fil';
}
