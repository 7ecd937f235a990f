import { yearPeriod } from '../../../analysis/period.js';
import { describe, expect, it } from 'vitest';
import { chartSetForPeriod } from '../../../analysis/charts/catalogue.js';
import {
  distributionGroups,
  distributionInput,
  responseRateInput,
  sharePositiveByGenderInput,
  sharePositiveInput,
  shortQuestionLabel,
  yearOverYearInput,
  type MergedYearLike,
  type SurveyResultLike,
} from '../../../analysis/charts/adapters.js';
import { endReasonsByGenderInput, participantFlowInput, startersByInsatsInput } from '../../../analysis/charts/outcomeInputs.js';
import { slugify } from '../../../analysis/slug.js';
import { sharePositiveChart } from '../../../analysis/charts/configs.js';
import { computeOutcomeReport, type OutcomeReport } from '../../../analysis/outcomes.js';
import { handMade } from './tableFixtures.js';

const NBSP = '\u00a0';
const subtitleText = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join(' | ') : (s ?? ''));

function outcomes(insats: string, started: { kvinna: number; man: number; annat?: number }): OutcomeReport {
  return computeOutcomeReport({
    period: yearPeriod(2024),
    insats,
    codebook: { id: 't', reasons: ['Arbete', 'Studier', 'Övrigt'], workOrStudies: ['Arbete', 'Studier'] },
    minCell: 5,
    counts: {
      flow: [
        { gender: 'kvinna', carriedOver: 4, started: started.kvinna, ended: 3 },
        { gender: 'man', carriedOver: 2, started: started.man, ended: 2 },
        { gender: 'annat', carriedOver: 0, started: started.annat ?? 0, ended: 0 },
      ],
      endReasons: [
        { reason: 'Övrigt', gender: 'kvinna', count: 1 },
        { reason: 'Arbete', gender: 'kvinna', count: 2 },
        { reason: 'Arbete', gender: 'man', count: 2 },
      ],
      referrers: [],
      education: [],
      timeWithoutWork: [],
      agesAtStart: [],
      residence: [],
      daysInInsats: [],
    },
  });
}

const survey: SurveyResultLike = {
  ...handMade,
  selection: { year: 2024, insats: 'FINSAM-team', instrument: 'nns-deltagare-avslut', title: 'Enkät till dig som avslutar en insats' },
  rounds: [
    { insats: 'FINSAM-team', period: 'Vår 2024', respondents: 9, invited: 12, percent: 75 },
    { insats: 'FINSAM-team', period: 'Höst 2024', respondents: 5, invited: null, percent: null },
  ],
};

describe('chart adapters', () => {
  it('share positive: suppressed stays null, n is carried', () => {
    const input = sharePositiveInput(handMade, { scope: 'FINSAM-team 2024' });
    expect(input.k).toBe(5);
    expect(input.items).toEqual([
      { label: 'Har du fått stöd på ett sätt som är till stor nytta för dig?', n: 13, percent: 77 },
      { label: 'Har du fått tillräckligt med tid i insatsen?', n: null, percent: null },
      { label: '=Behov av stöd?', n: 12, percent: 50 },
    ]);
    expect(subtitleText(input.subtitle)).toContain(`n${NBSP}=${NBSP}14 svarande`);
    const json = JSON.stringify(sharePositiveChart(input));
    expect(json).toContain(`77${NBSP}% (n${NBSP}=${NBSP}13)`);
    expect(json).toContain('färre än 5 svar');
  });

  it('leaves questions nobody answered out of the charts', () => {
    const withEmpty = {
      ...handMade,
      questions: [...handMade.questions, { ...handMade.questions[0]!, id: 'tom', text: 'Ingen svarade', n: 0, percent: null }],
    };
    expect(sharePositiveInput(withEmpty).items.map((i) => i.label)).not.toContain('Ingen svarade');
    expect(sharePositiveByGenderInput(withEmpty).items).toHaveLength(3);
    expect(distributionGroups(withEmpty)[0]!.questions.map((q) => q.id)).toEqual(['nytta', 'tid']);
  });

  it('shortens long question texts at a word boundary', () => {
    const long =
      'Finns det strukturer för att initiera, upprätthålla och underhålla relationer mellan de aktörer som är inblandade i insatsen?';
    const label = shortQuestionLabel(long, 80);
    expect(label.length).toBeLessThanOrEqual(80);
    expect(label.endsWith('…')).toBe(true);
    expect(long.startsWith(label.slice(0, -1))).toBe(true);
    expect(shortQuestionLabel('Kort fråga?')).toBe('Kort fråga?');
  });

  it('distribution: steps from the scale, one group per scale, suppressed → null', () => {
    const groups = distributionGroups(handMade);
    expect(groups.map((g) => g.key)).toEqual(['frekvens', 'ja-nej']);
    const input = distributionInput(handMade, {}, groups[0]!.questions);
    expect(input.steps).toEqual(['Aldrig', 'Sällan', 'Ofta']);
    expect(input.items[0]).toMatchObject({ n: 13, percents: [8, 15, 77] });
    expect(input.items[1]).toMatchObject({ n: null, percents: null });
  });

  it('by gender: hidden cells null, the third bucket included', () => {
    const input = sharePositiveByGenderInput(handMade);
    expect(input.items[0]).toMatchObject({
      kvinnor: { n: 8, percent: 75 },
      man: { n: null, percent: null },
      annat: { n: null, percent: null },
    });
    expect(input.items[1]!.kvinnor).toEqual({ n: null, percent: null });
    expect(subtitleText(input.subtitle)).toContain('kvinnor 8, män 4, annat/ej angivet 2');
  });

  it('year over year: previous then this year, significant changes starred', () => {
    const input = yearOverYearInput(handMade, 2024);
    expect(input.years).toEqual([2023, 2024]);
    expect(input.items).toHaveLength(1);
    expect(input.items[0]!.label.endsWith(' *')).toBe(true);
    expect(input.items[0]!.values).toEqual([
      { n: 20, percent: 40 },
      { n: 13, percent: 77 },
    ]);
  });

  it('outcomes: end reasons in code-book order, flow, starters per insats', () => {
    const a = outcomes('FINSAM-team', { kvinna: 6, man: 3 });
    const b = outcomes('Novum', { kvinna: 2, man: 5, annat: 1 });
    const reasons = endReasonsByGenderInput(a);
    expect(reasons.reasons.map((r) => [r.label, r.kvinnor, r.man, r.total])).toEqual([
      ['Arbete', 2, 2, 4],
      ['Studier', 0, 0, 0],
      ['Övrigt', 1, 0, 1],
    ]);
    expect(subtitleText(reasons.subtitle)).toContain(`n${NBSP}=${NBSP}5 avslutade`);
    expect(participantFlowInput(a)).toMatchObject({
      inskrivnaFranForegaendeAr: 6,
      nyaUnderAret: 9,
      totaltDeltagit: 15,
      avslutade: 5,
      pagaendeVidArsSlut: 10,
    });
    const starters = startersByInsatsInput([a, b]);
    expect(starters.insatser).toEqual([
      { label: 'FINSAM-team', kvinnor: 6, man: 3, annat: 0, total: 9 },
      { label: 'Novum', kvinnor: 2, man: 5, annat: 1, total: 8 },
    ]);
    expect(subtitleText(starters.subtitle)).toContain(`n${NBSP}=${NBSP}17 nya deltagare`);
  });

  it('response rate per round: "insats – period"', () => {
    const input = responseRateInput(survey);
    expect(input.rounds).toEqual([
      { label: 'FINSAM-team – Vår 2024', responded: 9, invited: 12, percent: 75 },
      { label: 'FINSAM-team – Höst 2024', responded: 5, invited: null, percent: null },
    ]);
  });

  it('slugs are ASCII', () => {
    expect(slugify('Aktivitetsplatsen Öst/Väst – Ålder')).toBe('aktivitetsplatsen-ost-vast-alder');
    expect(slugify('IPS för personer med beroendeproblematik')).toBe('ips-for-personer-med-beroendeproblematik');
    expect(slugify('???')).toBe('x');
  });

  it('chartSetForPeriod names every chart readably and leaves out empty ones', () => {
    const report: MergedYearLike = {
      year: 2024,
      period: { key: '2024', label: '2024' },
      insatser: [
        { year: 2024, insats: 'FINSAM-team', outcomes: outcomes('FINSAM-team', { kvinna: 6, man: 3 }), surveys: [survey] },
        { year: 2024, insats: 'Åtgärd Söder', outcomes: outcomes('Åtgärd Söder', { kvinna: 2, man: 5 }), surveys: [] },
      ],
    };
    const set = chartSetForPeriod(report);
    const names = set.map((c) => c.fileName);
    expect(names).toEqual([
      '2024-alla-insatser-nya-deltagare-per-insats.png',
      '2024-finsam-team-deltagare.png',
      '2024-finsam-team-avslutsorsaker-per-kon.png',
      '2024-finsam-team-nns-deltagare-avslut-svarsfrekvens.png',
      '2024-finsam-team-nns-deltagare-avslut-andel-positiva.png',
      '2024-finsam-team-nns-deltagare-avslut-svarsfordelning-frekvens.png',
      '2024-finsam-team-nns-deltagare-avslut-svarsfordelning-ja-nej.png',
      '2024-finsam-team-nns-deltagare-avslut-andel-positiva-per-kon.png',
      '2024-finsam-team-nns-deltagare-avslut-jamfort-med-forra-aret.png',
      '2024-atgard-soder-deltagare.png',
      '2024-atgard-soder-avslutsorsaker-per-kon.png',
    ]);
    for (const c of set) {
      expect(c.fileName).toMatch(/^[a-z0-9-]+\.png$/);
      expect(c.size.width).toBeGreaterThan(0);
      // n in the title, subtitle or labels of every chart
      const header = JSON.stringify([c.config.options?.plugins?.subtitle?.text, c.config.options?.plugins?.finsamValueLabels]);
      expect(header, c.fileName).toMatch(/n\u00a0=|\d+ av \d+|svar/);
    }
  });
});
