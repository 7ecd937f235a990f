#!/usr/bin/env node
// Entry point of the `finsam` command (compiled TypeScript in dist/, built by `npm install`).
import { runCli } from '../dist/server/cli/main.js';
import { ignoreBrokenPipe } from '../dist/server/cli/output.js';

// `finsam insats list | head` must end quietly, not with an EPIPE stack trace.
ignoreBrokenPipe(process.stdout);
ignoreBrokenPipe(process.stderr);

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;
