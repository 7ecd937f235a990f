// Renders 200 charts in a row with the shared renderer and prints RSS before/after and the time per
// chart. Not a test: run after `npm run build` with
//   node --expose-gc dist/bench/charts-memory.js [count]
// (--expose-gc is optional; with it the RSS figures are taken after a full collection).

import {
  answerDistributionChart,
  endReasonsByGenderChart,
  participantFlowChart,
  responseRateChart,
  sharePositiveByGenderChart,
  sharePositiveChart,
  startersByInsatsChart,
  yearOverYearChart,
  type FinsamChartConfig,
} from '../analysis/charts/configs.js';
import { createChartRenderer } from '../server/charts/renderer.js';

const count = Number(process.argv[2] ?? 200);

const q = [
  'Jag har fått stöd som varit till stor nytta för mig',
  'Jag känner mig mer redo att arbeta eller studera än när jag började',
  'Personalen har bemött mig med respekt',
  'Jag har fått stöd i kontakten med myndigheter',
];

const builders: Array<(i: number) => FinsamChartConfig> = [
  (i) =>
    sharePositiveChart({
      title: `Andel positiva svar (${i})`,
      items: q.map((label, j) => ({ label, n: 100 + j, percent: (i * 7 + j * 13) % 101 })),
    }),
  () =>
    answerDistributionChart({
      title: 'Svarsfördelning',
      steps: ['Aldrig', 'Sällan', 'Ibland', 'Ofta', 'Alltid'],
      items: q.map((label) => ({ label, n: 120, percents: [5, 10, 20, 30, 35] })),
    }),
  () =>
    sharePositiveByGenderChart({
      title: 'Andel positiva per kön',
      items: q.map((label) => ({
        label,
        kvinnor: { n: 60, percent: 80 },
        man: { n: 50, percent: 70 },
        annat: { n: 3, percent: null },
      })),
    }),
  () =>
    yearOverYearChart({
      title: 'Jämförelse mellan år',
      years: [2023, 2024],
      items: q.map((label) => ({
        label,
        values: [
          { n: 20, percent: 60 },
          { n: 22, percent: 73 },
        ],
      })),
    }),
  () =>
    endReasonsByGenderChart({
      title: 'Avslutsorsaker per kön',
      reasons: ['Arbete', 'Studier', 'Arbetssökande', 'Fortsatt rehabilitering', 'Sjukdom/vård/behandling', 'Övrigt'].map((label, j) => ({
        label,
        kvinnor: 10 + j,
        man: 8 + j,
        annat: 0,
      })),
    }),
  () =>
    participantFlowChart({
      title: 'Deltagarflöde 2024',
      inskrivnaFranForegaendeAr: 48,
      nyaUnderAret: 76,
      totaltDeltagit: 124,
      avslutade: 70,
      pagaendeVidArsSlut: 54,
    }),
  () =>
    startersByInsatsChart({
      title: 'Nya deltagare per insats',
      insatser: ['FINSAM-team', 'Aktivitetsplatsen', 'Novum'].map((label, j) => ({ label, kvinnor: 20 + j, man: 15 + j })),
    }),
  () =>
    responseRateChart({
      title: 'Svarsfrekvens',
      rounds: [
        { label: 'Personalenkät 2024', responded: 15, invited: 23, percent: 65 },
        { label: 'Deltagare vid avslut 2024', responded: 58, invited: 70, percent: 83 },
      ],
    }),
];

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rss = () => {
  gc?.();
  return process.memoryUsage().rss;
};

async function main(): Promise<void> {
  const renderer = createChartRenderer({ width: 900, height: 500 });
  // Warm-up: loads Chart.js into the one ChartJSNodeCanvas and the fonts.
  for (let i = 0; i < builders.length; i++) await renderer.renderPng(builders[i]!(i));

  const before = rss();
  let bytes = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const png = await renderer.renderPng(builders[i % builders.length]!(i));
    bytes += png.length;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const after = rss();

  console.log(`Diagram renderade:     ${count} (900 × 500, devicePixelRatio 2 → 1800 × 1000 px)`);
  console.log(`Tid per diagram:       ${(ms / count).toFixed(1)} ms (totalt ${(ms / 1000).toFixed(2)} s)`);
  console.log(`PNG-storlek i snitt:   ${(bytes / count / 1024).toFixed(0)} kB`);
  console.log(`RSS före:              ${mb(before)}`);
  console.log(`RSS efter:             ${mb(after)} (${after >= before ? '+' : ''}${mb(after - before)})`);
  console.log(`ChartJSNodeCanvas:     ${JSON.stringify(renderer.stats())}`);
  console.log(`GC före mätning:       ${gc ? 'ja (--expose-gc)' : 'nej (kör med --expose-gc för stabilare RSS)'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
