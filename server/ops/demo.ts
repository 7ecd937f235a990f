// Demo data for a first start: a few insatser, rounds of both questionnaires over three years and a
// plausible spread of answers, so a newcomer sees real tables and charts at once.
import crypto from 'node:crypto';
import { seededRandom } from '../../analysis/seededRandom.js';
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { DONT_KNOW, type Questionnaire } from '../../surveys/types.js';
import { validateSubmission } from '../survey/answerRules.js';
import { addInsats, createRound, type Round } from '../survey/rounds.js';
import { createSubmissionWriter } from '../survey/submissions.js';
import { today } from '../time.js';
import { importOutcomes } from '../followup/importer.js';
import { STANDARD_CODEBOOK } from '../followup/codebooks.js';
import { saveTarget } from '../targets/store.js';

/** Deterministic, so the demo looks the same on every machine. */
const prng = seededRandom;

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.first<{ n: number }>('SELECT (SELECT COUNT(*) FROM insatser) + (SELECT COUNT(*) FROM rounds) AS n');
  return (row?.n ?? 0) === 0;
}

const INSATSER = [
  { name: 'FINSAM-team', participants: 32, staff: 15, mood: 0.72 },
  { name: 'Aktivitetsplatsen', participants: 24, staff: 9, mood: 0.62 },
  { name: 'Novum', participants: 14, staff: 6, mood: 0.55 },
];

const COMMENTS = [
  'Jag fick hjälp att ta kontakt med Försäkringskassan.',
  'Bra bemötande, men ibland för långa väntetider.',
  'Jag har fått mer struktur i vardagen.',
  'Samverkan med Arbetsförmedlingen har blivit bättre.',
];

function answerFor(q: Questionnaire, registry: SurveyRegistry, rand: () => number, mood: number): Record<string, string> {
  const body: Record<string, string> = {};
  for (const question of q.questions) {
    if (rand() < 0.06) continue; // item non-response
    if (question.showIf && body[question.showIf.question] !== question.showIf.equals) continue;
    if (question.type === 'scale') {
      if (question.dontKnow && rand() < 0.08) {
        body[question.id] = DONT_KNOW;
        continue;
      }
      const steps = registry.scales[question.scale!]!.steps.length;
      const positive = rand() < mood;
      const step = positive ? 4 + Math.floor(rand() * (steps - 3)) : 1 + Math.floor(rand() * 3);
      body[question.id] = String(Math.min(step, steps));
    } else if (question.type === 'yesno') body[question.id] = rand() < 0.75 ? 'ja' : 'nej';
    else if (question.type === 'single') {
      const r = rand();
      body[question.id] = r < 0.55 ? 'kvinna' : r < 0.95 ? 'man' : 'annat';
    } else if (question.type === 'text' && rand() < 0.25) body[question.id] = COMMENTS[Math.floor(rand() * COMMENTS.length)]!;
  }
  return body;
}

export interface DemoResult {
  rounds: Round[];
}

export async function seedDemo(db: Db, registry: SurveyRegistry, day = today()): Promise<DemoResult> {
  const rand = prng(2024);
  const writer = createSubmissionWriter(db);
  const thisYear = Number(day.slice(0, 4));
  const years = [thisYear - 2, thisYear - 1, thisYear];
  const participantQ = registry.get('nns-deltagare-avslut')!;
  const staffQ = registry.get('nns-personal')!;
  const openRounds: Round[] = [];
  for (const spec of INSATSER) {
    const insats = await addInsats(db, spec.name);
    for (const year of years) {
      const current = year === thisYear;
      for (const [q, count] of [
        [participantQ, spec.participants],
        [staffQ, spec.staff],
      ] as const) {
        const isStaff = q === staffQ;
        const round = await createRound(db, {
          instrumentId: q.id,
          instrumentVersion: q.version,
          insatsId: insats.id,
          period: String(year),
          year,
          opensOn: `${year}-01-01`,
          closesOn: current ? null : `${year}-12-31`,
          invited: isStaff ? Math.round(count * 1.4) : Math.round(count * 1.6),
          kiosk: !isStaff && spec.name === 'Aktivitetsplatsen',
        });
        if (current) openRounds.push(round);
        // The current year is still open: fewer answers so far.
        const n = current ? Math.round(count * 0.5) : count;
        const mood = spec.mood + (year - years[0]!) * 0.04;
        const lastDay = current ? day : `${year}-12-31`;
        const submissions = [];
        for (let i = 0; i < n; i++) {
          const result = validateSubmission(q, registry.scales, {
            ...answerFor(q, registry, rand, mood),
            nonce: crypto.randomBytes(16).toString('base64url'),
          });
          if (!result.ok) throw new Error(`Demodata blev ogiltig: ${JSON.stringify(result.problems)}`);
          const month = 1 + Math.floor(rand() * Number(lastDay.slice(5, 7)));
          const date = `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
          submissions.push(
            writer.submit({ ...result.submission, roundId: round.id, instrumentVersion: q.version, date: date > lastDay ? lastDay : date }),
          );
        }
        await Promise.all(submissions);
      }
    }
  }
  await seedFollowUp(db, rand, years, day);
  // Targets for last year, so the report shows "Förväntat resultat och utfall" with attainment.
  const lastYear = thisYear - 1;
  for (const spec of INSATSER) {
    const insats = (await db.first<{ id: number }>('SELECT id FROM insatser WHERE name = ?', [spec.name]))!;
    const targets = [
      { metric: 'participated', value: Math.round(spec.participants * 2.2) },
      { metric: 'women-share', value: 55 },
      { metric: 'work-or-studies', value: 30 },
      { metric: 'positive', value: 80, params: { instrument: participantQ.id, question: 'nytta' } },
      { metric: 'response-rate', value: 70, params: { instrument: staffQ.id } },
    ];
    for (const t of targets) await saveTarget(db, registry, { insatsId: insats.id, period: lastYear, ...t });
  }
  return { rounds: openRounds };
}

/** A plausible participant follow-up for the demo years, imported like a förbund's CSV file. */
async function seedFollowUp(db: Db, rand: () => number, years: number[], day: string): Promise<void> {
  const header =
    'Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak';
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const education = ['Grundskola', 'Gymnasium', 'Eftergymnasial utbildning', 'Uppgift saknas'];
  const idle = ['Mindre än 1 år', '1–2 år', '3–4 år', '5 år eller mer'];
  const referrers = ['Arbetsförmedlingen', 'Försäkringskassan', 'Jobbtorg/staden', 'Hälso- och sjukvård', 'Egen anmälan'];
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const rows = [header];
  let n = 0;
  for (const spec of INSATSER) {
    const first = Date.UTC(years[0]! - 1, 6, 1);
    const last = Date.parse(`${day}T00:00:00Z`);
    for (let i = 0; i < spec.participants * 3; i++) {
      const start = new Date(first + rand() * (last - first));
      const end = new Date(start.getTime() + (60 + rand() * 500) * 86_400_000);
      const ended = end.getTime() < last;
      rows.push(
        [
          spec.name,
          `D-${String(++n).padStart(4, '0')}`,
          rand() < 0.56 ? 'Kvinna' : 'Man',
          String(1960 + Math.floor(rand() * 45)),
          pick(education),
          pick(idle),
          pick(referrers),
          '',
          iso(start),
          ended ? iso(end) : '',
          ended ? pick(STANDARD_CODEBOOK.reasons) : '',
        ].join(';'),
      );
    }
  }
  const result = await importOutcomes(db, {
    buffer: Buffer.from(rows.join('\r\n')),
    fileName: 'demo-insatsuppfoljning.csv',
    codebook: 'standard',
    actor: 'demo',
  });
  if (!result.ok) throw new Error(`Demodata för insatsuppföljning blev ogiltig: ${JSON.stringify(result.errors.slice(0, 3))}`);
}
