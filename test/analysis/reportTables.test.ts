import { yearPeriod } from '../../analysis/period.js';
import { describe, expect, it } from 'vitest';
import { distributionTable, endReasonsTable, indicatorTable, targetsTable } from '../../analysis/reportTables.js';
import { formatCsvNumber, toCsv } from '../../analysis/csv.js';
import type { IndicatorResult } from '../../analysis/indicators.js';
import { computeOutcomeReport } from '../../analysis/outcomes.js';
import { cell, handMade } from './charts/tableFixtures.js';

const text = (buf: Buffer) => buf.subarray(3).toString('utf8');

describe('toCsv (Swedish Excel)', () => {
  it('starts with the UTF-8 BOM and uses ; and CRLF', () => {
    const buf = toCsv(
      ['Fråga', 'Andel'],
      [
        ['Ärende', 12.5],
        ['Öppet', 3],
      ],
    );
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(buf)).toBe('Fråga;Andel\r\nÄrende;12,5\r\nÖppet;3\r\n');
    expect(
      text(buf)
        .split('\r\n')
        .every((l) => !l.includes('\n')),
    ).toBe(true);
  });

  it('writes decimal comma without thousands separator, null as empty', () => {
    expect(formatCsvNumber(12.5)).toBe('12,5');
    expect(formatCsvNumber(1234567.25)).toBe('1234567,25');
    expect(formatCsvNumber(0.0000001)).toBe('0,0000001');
    expect(formatCsvNumber(-0)).toBe('0');
    expect(formatCsvNumber(Number.NaN)).toBe('');
    expect(text(toCsv(['a', 'b', 'c'], [[null, 1, null]]))).toBe('a;b;c\r\n;1;\r\n');
  });

  it('guards text cells against formula injection, but not numbers', () => {
    const out = text(toCsv(['x'], [['=SUM(A1)'], ['+1'], ['-x'], ['@x'], ['\tx'], [-3], [-2.5], ['a-b'], ['Kvinna']]));
    expect(out.split('\r\n').slice(1, -1)).toEqual(["'=SUM(A1)", "'+1", "'-x", "'@x", "'\tx", '-3', '-2,5', 'a-b', 'Kvinna']);
  });

  it('quotes cells with ;, ", CR or LF and doubles quotes', () => {
    const out = text(
      toCsv(
        ['x', 'y'],
        [
          ['a;b', 'säger "hej"'],
          ['rad1\nrad2', 'cr\rx'],
          ['=a;b', 'ok'],
        ],
      ),
    );
    expect(out).toBe('x;y\r\n"a;b";"säger ""hej"""\r\n"rad1\nrad2";"cr\rx"\r\n"\'=a;b";ok\r\n');
  });

  it('guards a value starting with CR and quotes it', () => {
    expect(text(toCsv(['x'], [['\r=1']]))).toBe('x\r\n"\'\r=1"\r\n');
  });
});

describe('indicatorTable', () => {
  const table = indicatorTable(handMade);
  const col = (name: string) => {
    const i = table.headers.indexOf(name);
    expect(i, name).toBeGreaterThanOrEqual(0);
    return i;
  };

  it('lays out n, share, interval, gender, previous year and p', () => {
    const row = table.rows[0]!;
    expect(row[col('Fråga')]).toBe('Har du fått stöd på ett sätt som är till stor nytta för dig?');
    expect(row[col('n')]).toBe(13);
    expect(row[col('Andel positiva (%)')]).toBe(77);
    expect(row[col('KI låg (%)')]).toBe(49.7);
    expect(row[col('KI hög (%)')]).toBe(91.8);
    expect(row[col('Vet ej')]).toBe(1);
    expect(row[col('Kvinnor n')]).toBe(8);
    expect(row[col('Kvinnor andel positiva (%)')]).toBe(75);
    expect(row[col('Förra året (%)')]).toBe(40);
    expect(row[col('Förändring (procentenheter)')]).toBe(37);
    expect(row[col('p-värde')]).toBe(0.0412);
    expect(row[col('Signifikant')]).toBe('ja');
  });

  it('leaves suppressed cells empty and says why', () => {
    const [nytta, tid, behov] = table.rows as [unknown[], unknown[], unknown[]];
    expect(nytta[col('Män n')]).toBeNull();
    expect(nytta[col('Män andel positiva (%)')]).toBeNull();
    expect(nytta[col('Annat/ej angivet n')]).toBeNull();
    expect(nytta[col('Anmärkning')]).toBe(
      'män dold för anonymiteten (färre än 5 svar, eller skyddar en annan dold siffra); annat/ej angivet dold för anonymiteten (färre än 5 svar, eller skyddar en annan dold siffra)',
    );
    for (const name of [
      'n',
      'Andel positiva (%)',
      'KI låg (%)',
      'KI hög (%)',
      'Kvinnor n',
      'Kvinnor andel positiva (%)',
      'Män n',
      'Förra året (%)',
      'p-värde',
    ]) {
      expect(tid[col(name)], name).toBeNull();
    }
    expect(tid[col('Anmärkning')]).toBe('dold för anonymiteten (färre än 5 svar, eller skyddar en annan dold siffra)');
    expect(behov[col('Män n')]).toBeNull();
    expect(behov[col('Anmärkning')]).toBe('män dold för anonymiteten (färre än 5 svar, eller skyddar en annan dold siffra)');
  });

  it('turns into CSV with empty cells, decimal comma and a guarded question text', () => {
    const csv = toCsv(table.headers, table.rows).subarray(3).toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines[1]).toContain(';77;49,7;91,8;1;8;75;;;;;40;37;0,0412;ja;');
    expect(
      lines[2]!.startsWith(
        'Har du fått tillräckligt med tid i insatsen?;;;;;0;;;;;;;;;;;dold för anonymiteten (färre än 5 svar, eller skyddar en annan dold siffra)',
      ),
    ).toBe(true);
    expect(lines[3]!.startsWith("'=Behov av stöd?;12;50;")).toBe(true);
  });

  it('leaves out the annat columns when nobody is in that group', () => {
    const noOther: IndicatorResult = {
      ...handMade,
      respondentsByGender: { women: 8, men: 6, other: 0 },
      questions: handMade.questions.map((q) => ({ ...q, byGender: { ...q.byGender, other: cell(0, null) } })),
    };
    expect(indicatorTable(noOther).headers.some((h) => h.startsWith('Annat'))).toBe(false);
  });
});

describe('other table builders', () => {
  it('distribution: one row per step, hidden counts empty', () => {
    const t = distributionTable(handMade);
    expect(t.headers).toEqual(['Fråga', 'Svarsalternativ', 'Antal', 'Andel (%)', 'Anmärkning']);
    const tid = t.rows.filter((r) => r[0] === 'Har du fått tillräckligt med tid i insatsen?');
    expect(tid.map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
      ['Aldrig', null, null, 'dold för anonymiteten (färre än 5 svar, eller skyddar en annan dold siffra)'],
      ['Sällan', null, null, 'dold för anonymiteten (färre än 5 svar, eller skyddar en annan dold siffra)'],
      ['Ofta', null, null, 'dold för anonymiteten (färre än 5 svar, eller skyddar en annan dold siffra)'],
      ['Totalt', null, null, 'dold för anonymiteten (färre än 5 svar, eller skyddar en annan dold siffra)'],
    ]);
    expect(t.rows).toContainEqual(['Har du fått stöd på ett sätt som är till stor nytta för dig?', 'Ofta', 10, 77, null]);
  });

  it('end reasons in code-book order with a total row', () => {
    const report = computeOutcomeReport({
      period: yearPeriod(2024),
      insats: 'FINSAM-team',
      codebook: { id: 't', reasons: ['Arbete', 'Studier', 'Övrigt'], workOrStudies: ['Arbete', 'Studier'] },
      minCell: 5,
      counts: {
        flow: [],
        endReasons: [
          { reason: 'Övrigt', gender: 'kvinna', count: 2 },
          { reason: 'Arbete', gender: 'man', count: 4 },
          { reason: 'Arbete', gender: 'kvinna', count: 3 },
        ],
        referrers: [],
        education: [],
        timeWithoutWork: [],
        agesAtStart: [],
        residence: [],
        daysInInsats: [],
      },
    });
    const t = endReasonsTable(report);
    expect(t.headers).toEqual([
      'Avslutsorsak',
      'Kvinnor',
      'Män',
      'Totalt',
      'Andel av avslutade (%)',
      'Andel av avslutade kvinnor (%)',
      'Andel av avslutade män (%)',
    ]);
    // Women's own column (5 ended) is a distribution of its own: 3/5, 0, 2/5; the men's 4 < k are hidden.
    expect(t.rows).toEqual([
      ['Arbete', 3, 4, 7, 78, 60, null],
      ['Studier', 0, 0, 0, 0, 0, null],
      ['Övrigt', 2, 0, 2, 22, 40, null],
      ['Totalt', 5, 4, 9, 100, 100, null],
      // 5 of 9 and 4 of 9 ended, half up.
      ['Andel av avslutade per kön (%)', 56, 44, 100, null, null, null],
    ]);
  });

  it('targets: mål, målvärde, utfall, skillnad, måluppfyllelse', () => {
    const t = targetsTable([
      {
        label: 'Antal deltagare under perioden',
        kind: 'count',
        target: 70,
        targetHigh: null,
        outcome: 68,
        difference: -2,
        attainment: 'God',
        grade: 'good',
        rule: 'R',
      },
      {
        label: 'Andel kvinnor',
        kind: 'percent',
        mode: 'band',
        target: 40,
        targetHigh: 60,
        outcome: null,
        difference: null,
        attainment: null,
        grade: null,
        rule: 'R',
      },
    ]);
    expect(t.rows[0]).toEqual(['Antal deltagare under perioden', 'antal', 70, null, null, 68, -2, 'God', 'R', null]);
    expect(t.rows[1]!.slice(0, 8)).toEqual(['Andel kvinnor', 'intervall %', 40, 60, null, null, null, null]);
    expect(t.rows[1]![9]).toBe('utfall saknas eller är dolt (färre än k)');
    expect(toCsv(t.headers, t.rows).subarray(3).toString('utf8').split('\r\n')[1]).toBe(
      'Antal deltagare under perioden;antal;70;;;68;-2;God;R;',
    );
  });
});
