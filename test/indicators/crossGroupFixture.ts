// Two test questionnaires (board, managers) in a temporary surveys folder, sharing the indicator key
// "samverkan-strukturer" with the built-in staff questionnaire, and answers for two years:
//   2024: board 9 of 10 positive, managers 4 of 6, staff 2 of 3 (fewer than k = 5: hidden)
//   2023: board 6 of 8, managers 5 of 5, staff 6 of 8
// Board and managers belong to the insats "Förbundet", staff to "FINSAM-team".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSurveys, type SurveyRegistry } from '../../surveys/loader.js';
import { projectPath } from '../../server/paths.js';
import type { Db } from '../../server/db/database.js';
import { addInsats, createRound } from '../../server/survey/rounds.js';
import { addResponses, many } from '../disclosure/helpers.js';

export const KEY = 'samverkan-strukturer';

function questionnaire(id: string, group: string, title: string) {
  return {
    id,
    version: 1,
    title,
    intro: 'Testenkät.',
    respondentGroup: group,
    questions: [
      { id: 'strukturer', indicator: KEY, type: 'scale', scale: 'omfattning', dontKnow: true, text: `Strukturer (${title})?` },
      { id: 'lyssnar', indicator: 'samverkan-lyssnar', type: 'scale', scale: 'frekvens', text: 'Lyssnar?' },
    ],
  };
}

/** A folder with the board and managers questionnaires, as FINSAM_SURVEYS_DIR would hold them. */
export function crossGroupSurveysDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-crossgroup-'));
  fs.writeFileSync(path.join(dir, 'test-styrelse.json'), JSON.stringify(questionnaire('test-styrelse', 'styrelse', 'Styrelseenkät')));
  fs.writeFileSync(path.join(dir, 'test-chefer.json'), JSON.stringify(questionnaire('test-chefer', 'chefer-i-samverkan', 'Chefsenkät')));
  return dir;
}

export function crossGroupSurveys(dir = crossGroupSurveysDir()): SurveyRegistry {
  return loadSurveys([projectPath('surveys'), dir]);
}

async function insatsId(db: Db, name: string): Promise<number> {
  const row = await db.first<{ id: number }>('SELECT id FROM insatser WHERE name = ?', [name]);
  return row?.id ?? (await addInsats(db, name)).id;
}

/** `positive` answers "5" and the rest "2" on strukturer, in one round of the year. */
export async function answers(db: Db, instrument: string, insats: string, year: number, positive: number, total: number) {
  const round = await createRound(db, {
    instrumentId: instrument,
    instrumentVersion: 1,
    insatsId: await insatsId(db, insats),
    period: String(year),
  });
  const on = `${year}-05-01`;
  await addResponses(db, round.id, [
    ...many(positive, 'annat', { strukturer: '5' }, undefined, on),
    ...many(total - positive, 'annat', { strukturer: '2' }, undefined, on),
  ]);
  return round;
}

export async function seedCrossGroup(db: Db) {
  await answers(db, 'test-styrelse', 'Förbundet', 2024, 9, 10);
  await answers(db, 'test-chefer', 'Förbundet', 2024, 4, 6);
  await answers(db, 'nns-personal', 'FINSAM-team', 2024, 2, 3);
  await answers(db, 'test-styrelse', 'Förbundet', 2023, 6, 8);
  await answers(db, 'test-chefer', 'Förbundet', 2023, 5, 5);
  await answers(db, 'nns-personal', 'FINSAM-team', 2023, 6, 8);
}
