// HTTP load against a real server process on loopback, with one client code for both kinds of
// work so their rates can be divided: the participant flow as a browser does it (GET the form,
// read its hidden fields and options, POST the answers, expect 303 and follow nothing) and, as the
// yardstick, trivial request pairs (GET /healthz twice). Clients loop on a keep-alive agent until
// the time or the count runs out.
import http from 'node:http';
import { quantileSorted } from 'simple-statistics';
import { answerBody, parseSurveyForm, seededRandom } from './form.js';

export interface Latency {
  p50: number;
  p99: number;
}

export interface FlowResult {
  clients: number;
  flows: number;
  errors: number;
  seconds: number;
  perSecond: number;
  get: Latency;
  post: Latency;
  /** First unexpected answer, to tell what went wrong. */
  firstError: string | null;
}

export interface PairResult {
  clients: number;
  pairs: number;
  errors: number;
  seconds: number;
  perSecond: number;
  pair: Latency;
}

interface Answer {
  status: number;
  body: string;
}

function request(agent: http.Agent, port: number, method: 'GET' | 'POST', path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { Accept: 'text/html' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function latency(values: number[]): Latency {
  if (values.length === 0) return { p50: NaN, p99: NaN };
  values.sort((a, b) => a - b);
  return { p50: quantileSorted(values, 0.5), p99: quantileSorted(values, 0.99) };
}

/** Runs `clients` loops of `step` until `seconds` have passed or `maxCount` steps have started. */
async function drive(clients: number, seconds: number, maxCount: number, step: (agent: http.Agent, client: number) => Promise<void>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const deadline = performance.now() + seconds * 1000;
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline && started < maxCount) {
        started++;
        await step(agent, client);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return elapsed;
}

interface FlowTally {
  flows: number;
  errors: number;
  seconds: number;
  gets: number[];
  posts: number[];
  firstError: string | null;
}

interface PairTally {
  pairs: number;
  errors: number;
  seconds: number;
  times: number[];
}

async function flowSegment(t: FlowTally, port: number, token: string, clients: number, seconds: number, maxCount: number, seed: number) {
  const fail = (what: string) => {
    t.errors++;
    t.firstError ??= what;
  };
  const randoms = Array.from({ length: clients }, (_, i) => seededRandom(seed + i));
  t.seconds += await drive(clients, seconds, maxCount, async (agent, client) => {
    try {
      const t0 = performance.now();
      const page = await request(agent, port, 'GET', `/e/${token}`);
      t.gets.push(performance.now() - t0);
      if (page.status !== 200) return fail(`GET /e/… gav ${page.status}`);
      const form = parseSurveyForm(page.body);
      const body = answerBody(form, randoms[client]!);
      const t1 = performance.now();
      const posted = await request(agent, port, 'POST', form.action || `/e/${token}`, body);
      t.posts.push(performance.now() - t1);
      if (posted.status !== 303)
        return fail(
          `POST gav ${posted.status}: ${posted.body
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .slice(0, 200)}`,
        );
      t.flows++;
    } catch (err) {
      fail(String((err as Error).message));
    }
  });
}

async function pairSegment(t: PairTally, port: number, clients: number, seconds: number, maxCount: number) {
  t.seconds += await drive(clients, seconds, maxCount, async (agent) => {
    try {
      const t0 = performance.now();
      const a = await request(agent, port, 'GET', '/healthz');
      const b = await request(agent, port, 'GET', '/healthz');
      t.times.push(performance.now() - t0);
      if (a.status === 200 && b.status === 200) t.pairs++;
      else t.errors++;
    } catch {
      t.errors++;
    }
  });
}

/**
 * One concurrency level: trivial pairs and participant flows in alternating segments (trivial
 * first), `seconds` of each in all, so that both see the same machine even when other work on it
 * comes and goes. Each segment stops after `maxPerSegment` steps at the latest.
 */
export async function runLevel(
  port: number,
  token: string,
  clients: number,
  seconds: number,
  segments = 3,
  maxPerSegment = 200_000,
): Promise<{ trivial: PairResult; flow: FlowResult }> {
  const f: FlowTally = { flows: 0, errors: 0, seconds: 0, gets: [], posts: [], firstError: null };
  const p: PairTally = { pairs: 0, errors: 0, seconds: 0, times: [] };
  for (let k = 0; k < segments; k++) {
    await pairSegment(p, port, clients, seconds / segments, maxPerSegment);
    await flowSegment(f, port, token, clients, seconds / segments, maxPerSegment, 1 + k * clients);
  }
  return {
    trivial: { clients, pairs: p.pairs, errors: p.errors, seconds: p.seconds, perSecond: p.pairs / p.seconds, pair: latency(p.times) },
    flow: {
      clients,
      flows: f.flows,
      errors: f.errors,
      seconds: f.seconds,
      perSecond: f.flows / f.seconds,
      get: latency(f.gets),
      post: latency(f.posts),
      firstError: f.firstError,
    },
  };
}
