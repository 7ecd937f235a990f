// Everything the command line prints goes through here. Stored text (insats names, periods, file
// contents in error messages) may hold terminal control sequences: ESC and other C0/C1 controls could
// recolour, rewrite or hide lines, and bidi overrides could reorder them on screen. They are shown
// as visible \uXXXX escapes instead. Inside JSON output the same escapes are valid JSON string
// escapes, so the data reads back unchanged.

// C0 controls except tab and newline, DEL, C1 controls, bidi marks/embeddings/overrides/isolates,
// and the Unicode line and paragraph separators.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line (or several) of plain text, made terminal-safe, with a final newline. */
export function writeText(stream: NodeJS.WritableStream, text: string): void {
  const safe = terminalSafe(text);
  stream.write(safe.endsWith('\n') ? safe : safe + '\n');
}

export function writeJson(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(terminalSafe(JSON.stringify(value, null, 2)) + '\n');
}

/**
 * `finsam … | head` closes the pipe early: further writes fail with EPIPE, which would otherwise
 * end the process with a stack trace. The reader wanted no more, so the output stops quietly and
 * the command ends with its own exit code.
 */
export function ignoreBrokenPipe(stream: NodeJS.EventEmitter): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}
