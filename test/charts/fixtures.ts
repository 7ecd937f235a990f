// Example inputs for every chart type (realistic Swedish texts, small groups, suppressed cells).
import type {
  DistributionChartInput,
  EndReasonsByGenderChartInput,
  GenderShareChartInput,
  ParticipantFlowChartInput,
  ResponseRateChartInput,
  SharePositiveChartInput,
  StartersByInsatsChartInput,
  YearOverYearChartInput,
} from '../../analysis/charts/types.js';

export const questions = [
  'Jag har fått stöd som varit till stor nytta för mig',
  'Jag känner mig mer redo att arbeta eller studera än när jag började',
  'Personalen har bemött mig med respekt',
  'Jag har fått stöd i kontakten med myndigheter (Försäkringskassan, Arbetsförmedlingen, kommunen eller regionen)',
  'Jag har varit delaktig i planeringen av mitt stöd',
];

export const sharePositive: SharePositiveChartInput = {
  title: 'Deltagarenkät vid avslut – andel positiva svar',
  subtitle: 'FINSAM-team, 2024',
  k: 5,
  items: [
    { label: questions[0]!, n: 124, percent: 86 },
    { label: questions[1]!, n: 118, percent: 51 },
    { label: questions[2]!, n: 124, percent: 100 },
    { label: questions[3]!, n: 3, percent: null },
    { label: questions[4]!, n: 0, percent: null },
  ],
};

export const distribution: DistributionChartInput = {
  title: 'Svarsfördelning per fråga',
  subtitle: 'Aktivitetsplatsen, 2024 (Vet ej/Ej aktuellt ingår inte)',
  steps: ['Aldrig', 'Sällan', 'Ibland', 'Ofta', 'För det mesta', 'Alltid'],
  items: [
    { label: questions[0]!, n: 124, percents: [2, 4, 8, 26, 31, 29] },
    { label: questions[2]!, n: 120, percents: [0, 1, 4, 15, 30, 50] },
    { label: questions[3]!, n: 4, percents: null },
  ],
};

export const byGender: GenderShareChartInput = {
  title: 'Andel positiva svar per kön',
  subtitle: 'Deltagare vid avslut, 2024',
  items: [
    { label: questions[0]!, kvinnor: { n: 70, percent: 88 }, man: { n: 50, percent: 82 }, annat: { n: 4, percent: null } },
    { label: questions[1]!, kvinnor: { n: 66, percent: 55 }, man: { n: 48, percent: 46 }, annat: { n: 4, percent: null } },
    { label: questions[2]!, kvinnor: { n: 70, percent: 100 }, man: { n: 50, percent: 98 }, annat: { n: 0, percent: null } },
  ],
};

export const yearOverYear: YearOverYearChartInput = {
  title: 'Andel positiva svar 2022–2024',
  subtitle: 'Insatspersonal, alla insatser',
  years: [2022, 2023, 2024],
  items: [
    {
      label: 'Samverkan mellan myndigheterna har fungerat väl',
      values: [
        { n: 19, percent: 63 },
        { n: 21, percent: 71 },
        { n: 15, percent: 80 },
      ],
    },
    {
      label: 'Jag har fått den kompetensutveckling jag behöver',
      values: [
        { n: 19, percent: 47 },
        { n: 3, percent: null },
        { n: 15, percent: 60 },
      ],
    },
    {
      label: 'Insatsen når de personer den är avsedd för',
      values: [
        { n: 18, percent: 89 },
        { n: 21, percent: 86 },
        { n: 14, percent: 93 },
      ],
    },
  ],
};

export const endReasons: EndReasonsByGenderChartInput = {
  title: 'Avslutsorsaker per kön',
  subtitle: 'Alla insatser, 2024 (348 avslutade)',
  reasons: [
    { label: 'Arbete', kvinnor: 30, man: 28, annat: 0 },
    { label: 'Studier', kvinnor: 22, man: 12, annat: 0 },
    { label: 'Arbetsförmedlingen', kvinnor: 14, man: 12, annat: 0 },
    { label: 'Jobbtorg/AMF-insats', kvinnor: 20, man: 25, annat: null, total: 47 },
    { label: 'Rehabiliteringssamverkan', kvinnor: 18, man: 9, annat: 0 },
    { label: 'FINSAM-insats', kvinnor: 6, man: 5, annat: 0 },
    { label: 'Sysselsättning/daglig verksamhet', kvinnor: 12, man: 14, annat: 0 },
    { label: 'Sjukersättning', kvinnor: 9, man: 7, annat: 0 },
    { label: 'Utredning/vård/rehabilitering', kvinnor: 25, man: 19, annat: 0 },
    { label: 'Övrigt', kvinnor: 19, man: 16, annat: 0 },
  ],
};

export const flow: ParticipantFlowChartInput = {
  title: 'Deltagarflöde 2024',
  subtitle: 'FINSAM-team',
  inskrivnaFranForegaendeAr: 48,
  nyaUnderAret: 76,
  totaltDeltagit: 124,
  avslutade: 70,
  pagaendeVidArsSlut: 54,
};

export const starters: StartersByInsatsChartInput = {
  title: 'Nya deltagare per insats och kön',
  subtitle: '2024',
  insatser: [
    { label: 'FINSAM-team', kvinnor: 44, man: 30, annat: 2 },
    { label: 'Aktivitetsplatsen', kvinnor: 21, man: 25, annat: 0 },
    { label: 'Novum', kvinnor: 12, man: 8, annat: 0 },
    { label: 'Integrering av IPS i psykosvården', kvinnor: 9, man: 14, annat: 0 },
    { label: 'IPS för personer med beroendeproblematik', kvinnor: 6, man: 11, annat: 1 },
  ],
};

export const responseRate: ResponseRateChartInput = {
  title: 'Svarsfrekvens per enkätomgång',
  rounds: [
    { label: 'Personalenkät FINSAM-team 2024', responded: 15, invited: 23, percent: 65 },
    { label: 'Deltagare vid avslut, första halvåret 2024', responded: 58, invited: 70, percent: 83 },
    { label: 'Styrelseledamöter 2024', responded: 7, invited: 10, percent: 70 },
    { label: 'Chefer i samverkan 2024', responded: 4, invited: null, percent: null },
  ],
};
