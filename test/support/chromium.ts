// Finds a headless Chromium for the browser tests, without downloading anything:
//   1. CHROMIUM_PATH, or Debian's /usr/bin/chromium when it is installed;
//   2. otherwise @sparticuz/chromium, an npm package that carries a headless Chromium and the NSS
//      libraries it needs (its "al2023" bundle) as brotli archives, unpacked into the temp folder.
// The package only unpacks those libraries when it believes it runs on Amazon Linux 2023, and then
// points LD_LIBRARY_PATH and FONTCONFIG_PATH of the whole process at them. We let it believe that for
// the one call and give those variables to the browser alone, so no other child process (the crash
// test's server, say) ever loads its libraries.
import fs from 'node:fs';

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

const LAMBDA_VARS = ['AWS_LAMBDA_JS_RUNTIME', 'LD_LIBRARY_PATH', 'FONTCONFIG_PATH', 'HOME'] as const;

async function unpackNpmChromium(): Promise<ChromiumLaunch> {
  const saved = Object.fromEntries(LAMBDA_VARS.map((k) => [k, process.env[k]]));
  process.env.AWS_LAMBDA_JS_RUNTIME = 'nodejs20.x';
  try {
    const { default: Chromium } = await import('@sparticuz/chromium');
    const executablePath = await Chromium.executablePath();
    const env: Record<string, string> = {};
    for (const k of ['LD_LIBRARY_PATH', 'FONTCONFIG_PATH'] as const) {
      const v = process.env[k];
      if (v) env[k] = v;
    }
    return { executablePath, env, source: '@sparticuz/chromium' };
  } finally {
    for (const k of LAMBDA_VARS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
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
