// Finds a headless Chromium for the browser tests, without downloading anything:
//   1. CHROMIUM_PATH, or Debian's /usr/bin/chromium when it is installed;
//   2. otherwise @sparticuz/chromium, an npm package that carries a headless Chromium and the NSS
//      libraries it needs (its "al2023" bundle) as brotli archives, unpacked into the temp folder.
// The package only unpacks those libraries when it believes it runs on Amazon Linux 2023. We let it
// believe that for the one call and give LD_LIBRARY_PATH and FONTCONFIG_PATH to the browser alone, so
// no other child process (the crash test's server, say) ever loads its libraries.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface ChromiumLaunch {
  executablePath: string;
  /** Extra environment for the browser process only. */
  env: Record<string, string>;
  /** Where it came from, for messages. */
  source: 'system' | '@sparticuz/chromium';
}

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function resolveChromium(): Promise<ChromiumLaunch> {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`CHROMIUM_PATH pekar på ${explicit}, som inte finns.`);
    return { executablePath: explicit, env: {}, source: 'system' };
  }
  const system = SYSTEM_CANDIDATES.find((p) => fs.existsSync(p) && systemLibrariesPresent());
  if (system) return { executablePath: system, env: {}, source: 'system' };
  return unpackNpmChromium();
}

/** Debian's chromium needs NSS; a machine can have the binary but not the libraries. */
function systemLibrariesPresent(): boolean {
  return ['/usr/lib/x86_64-linux-gnu/libnss3.so', '/usr/lib/aarch64-linux-gnu/libnss3.so'].some((p) => {
    try {
      return fs.statSync(p).size > 0; // an empty file is what a hidden library looks like
    } catch {
      return false;
    }
  });
}

const PACKAGE_VARS = ['AWS_LAMBDA_JS_RUNTIME', 'LD_LIBRARY_PATH', 'FONTCONFIG_PATH', 'HOME', 'TMPDIR'] as const;

/**
 * Unpacks the npm Chromium once per machine into a folder of its own under the temp folder
 * (`finsam-chromium-<version>`: the browser, its libraries in al2023/lib, its fonts). The package
 * unpacks into os.tmpdir(), so we point TMPDIR at a fresh staging folder for the one call and then
 * rename it into place: two test runs starting at once never see a half-written browser.
 */
async function unpackNpmChromium(): Promise<ChromiumLaunch> {
  // Its exports map hides package.json; the entry point sits two folders below it.
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const pkg = JSON.parse(fs.readFileSync(path.resolve(path.dirname(entry), '../../package.json'), 'utf8')) as { version: string };
  const version = pkg.version;
  const root = process.env.FINSAM_CHROMIUM_CACHE ?? path.join(os.tmpdir(), `finsam-chromium-${version}`);
  const complete = (dir: string) =>
    fs.existsSync(path.join(dir, 'chromium')) && fs.existsSync(path.join(dir, 'al2023', 'lib', 'libnss3.so'));
  if (!complete(root)) {
    fs.rmSync(root, { recursive: true, force: true });
    const staging = fs.mkdtempSync(`${root}.staging-`);
    const saved = Object.fromEntries(PACKAGE_VARS.map((k) => [k, process.env[k]]));
    process.env.AWS_LAMBDA_JS_RUNTIME = 'nodejs20.x'; // makes it unpack the NSS libraries too
    process.env.TMPDIR = staging;
    try {
      const { default: Chromium } = await import('@sparticuz/chromium');
      await Chromium.executablePath();
    } finally {
      for (const k of PACKAGE_VARS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    if (!complete(staging)) throw new Error(`@sparticuz/chromium packades inte upp som väntat i ${staging}.`);
    try {
      fs.renameSync(staging, root);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another run got there first
    }
  }
  return {
    executablePath: path.join(root, 'chromium'),
    env: { LD_LIBRARY_PATH: path.join(root, 'al2023', 'lib'), FONTCONFIG_PATH: path.join(root, 'fonts') },
    source: '@sparticuz/chromium',
  };
}

/** Flags for a headless run on a machine whose only network is loopback. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
