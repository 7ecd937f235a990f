// The project's speed and memory targets (on two cores), checked against one run's figures.
// The throughput target is a ratio to trivial request pairs measured in the same run, so it does
// not depend on how fast this particular machine is.

export interface Measured {
  cpus: number;
  /** Participant flows per second ÷ trivial pairs per second, both at 50 clients. */
  flowPerTrivialAt50: number;
  postP99At50Ms: number;
  chartSetMs: number;
  chartSetSize: number;
  serverRssMb: number | null;
}

export interface Target {
  what: string;
  target: string;
  measured: string;
  pass: boolean | null;
}

export function checkTargets(m: Measured): Target[] {
  return [
    {
      what: 'Deltagarflöde vid 50 klienter, andel av triviala par',
      target: '≥ 50 %',
      measured: `${(m.flowPerTrivialAt50 * 100).toFixed(0)} %`,
      pass: m.flowPerTrivialAt50 >= 0.5,
    },
    { what: 'POST p99 vid 50 klienter', target: '< 50 ms', measured: `${m.postP99At50Ms.toFixed(0)} ms`, pass: m.postP99At50Ms < 50 },
    {
      what: `Årets alla diagram (${m.chartSetSize} st)`,
      target: '< 2 s',
      measured: `${(m.chartSetMs / 1000).toFixed(2)} s`,
      pass: m.chartSetMs < 2000,
    },
    {
      what: 'Serverns minne under last (VmHWM)',
      target: '< 200 MB',
      measured: m.serverRssMb === null ? '?' : `${m.serverRssMb.toFixed(0)} MB`,
      pass: m.serverRssMb === null ? null : m.serverRssMb < 200,
    },
  ];
}

export function targetLines(m: Measured): string[] {
  const targets = checkTargets(m);
  const w = Math.max(...targets.map((t) => t.what.length));
  const out = [`Mål (på 2 kärnor; den här maskinen har ${m.cpus}):`];
  for (const t of targets) {
    const verdict = t.pass === null ? 'okänt' : t.pass ? 'klarat' : 'EJ KLARAT';
    out.push(`  ${t.what.padEnd(w)}  mål ${t.target.padEnd(8)}  uppmätt ${t.measured.padStart(7)}  ${verdict}`);
  }
  return out;
}
