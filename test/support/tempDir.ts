// vitest setupFile: every test file gets its own temporary folder as TMPDIR (os.tmpdir() and any
// child process it starts use it), removed with everything in it when the file's tests are done,
// so a run leaves no databases behind in /tmp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const previous = process.env.TMPDIR;
const dir = fs.mkdtempSync(path.join(previous ?? os.tmpdir(), 'finsam-test-run-'));
// Traversable (not listable) by others, as /tmp is: a test may run the server as another user.
fs.chmodSync(dir, 0o711);
process.env.TMPDIR = dir;

afterAll(() => {
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  fs.rmSync(dir, { recursive: true, force: true });
});
