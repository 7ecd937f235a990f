// The server under test: `dist/server/main.js` in its own process, started the way `npm start`
// starts it (NODE_ENV=production), on a database the caller made, listening on loopback only.
// Its memory is sampled from /proc while the load runs.
import fs from 'node:fs';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { projectPath } from '../server/paths.js';

export interface ServerUnderTest {
  port: number;
  pid: number;
  /** RSS once started (idle), highest VmRSS seen by the sampler and the kernel's VmHWM, in MB. */
  memory(): { idleRssMb: number | null; maxRssMb: number | null; hwmMb: number | null };
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Number(m[1]) : null;
  } catch {
    return null; // not Linux, or the process has gone
  }
}

export async function startServer(dbFile: string): Promise<ServerUnderTest> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/out" profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, projectPath('dist', 'server', 'main.js')], {
    cwd: projectPath(),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      FINSAM_DB: dbFile,
      FINSAM_DEMO: '0',
      PORT: String(port),
      FINSAM_BASE_URL: `http://127.0.0.1:${port}`,
      // The per-round submit limit guards against floods; the benchmark is one on purpose.
      FINSAM_SUBMIT_LIMIT: '100000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let up = false;
  for (let i = 0; i < 150 && child.exitCode === null; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      up = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`Servern startade inte: ${stderr}`);
  }
  const pid = child.pid!;
  const idle = statusKb(pid, 'VmRSS');
  let maxRss = 0;
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, statusKb(pid, 'VmRSS') ?? 0);
  }, 100);
  let hwm: number | null = null;
  return {
    port,
    pid,
    memory: () => {
      const h = statusKb(pid, 'VmHWM') ?? hwm;
      return {
        idleRssMb: idle === null ? null : idle / 1024,
        maxRssMb: maxRss ? maxRss / 1024 : null,
        hwmMb: h === null ? null : h / 1024,
      };
    },
    async stop() {
      hwm = statusKb(pid, 'VmHWM');
      clearInterval(sampler);
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
