// The referrer code book and the roll-up to members (analysis/referrers.ts).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REFERRER_CODEBOOK,
  memberOf,
  parseReferrerCodebookJson,
  rollUpReferrers,
  validateReferrerCodebook,
} from '../../analysis/referrers.js';

const book = DEFAULT_REFERRER_CODEBOOK;

describe('memberOf with the built-in code book', () => {
  it.each([
    ['Jobbtorg/staden', 'Kommun'],
    ['jobbtorg / Staden', 'Kommun'],
    ['Stadsdelsförvaltningarna', 'Kommun'],
    ['Stadsdelsförvaltning Norr', 'Kommun'],
    ['Socialtjänsten', 'Kommun'],
    ['Kommunen', 'Kommun'],
    ['Psykiatrin', 'Region'],
    ['Vårdcentral Rinkeby', 'Region'],
    ['Primärvården', 'Region'],
    ['Region Stockholm', 'Region'],
    ['Hälso- och sjukvård', 'Region'],
    ['FK', 'Försäkringskassan'],
    ['Forsakringskassan', 'Försäkringskassan'],
    ['AF', 'Arbetsförmedlingen'],
    ['Arbetsförmedlingen Kista', 'Arbetsförmedlingen'],
    ['Egen anmälan', 'Egen anmälan'],
    ['Eget initiativ', 'Egen anmälan'],
    ['Självanmälan', 'Egen anmälan'],
    ['Kriminalvården', 'Annan'],
    ['Afghanska föreningen', 'Annan'], // "AF" is a whole spelling, not a beginning
    ['', 'Uppgift saknas'],
    [null, 'Uppgift saknas'],
  ])('%s → %s', (referrer, expected) => {
    expect(memberOf(book, referrer)).toBe(expected);
  });

  it('is itself a valid code book', () => {
    expect(validateReferrerCodebook(JSON.parse(JSON.stringify(book))).ok).toBe(true);
  });
});

describe('rollUpReferrers', () => {
  it('gives every member in order with counts, shares (ties by member order) and shares within gender', () => {
    const d = rollUpReferrers(
      [
        { referrer: 'Jobbtorg/staden', gender: 'kvinna', count: 2 },
        { referrer: 'Stadsdelsförvaltningarna', gender: 'man', count: 1 },
        { referrer: 'FK', gender: 'kvinna', count: 3 },
        { referrer: 'Kriminalvården', gender: 'man', count: 3 },
        { referrer: null, gender: 'man', count: 1 },
      ],
      book,
      5,
    );
    expect(d.total).toEqual({ count: 10, women: 5, men: 5, other: 0 });
    expect(d.rows.map((r) => [r.value, r.count, r.percent, r.percentWithinGender.women, r.percentWithinGender.men])).toEqual([
      ['Kommun', 3, 30, 40, 20],
      ['Region', 0, 0, 0, 0],
      ['Försäkringskassan', 3, 30, 60, 0],
      ['Arbetsförmedlingen', 0, 0, 0, 0],
      ['Egen anmälan', 0, 0, 0, 0],
      ['Annan', 3, 30, 0, 60],
      ['Uppgift saknas', 1, 10, 0, 20],
    ]);
    expect(d.rows[0]!.referrers).toEqual(['Jobbtorg/staden', 'Stadsdelsförvaltningarna']);
    expect(d.rows[5]!.referrers).toEqual(['Kriminalvården']);
    expect(d.codebook).toBe('standard');

    // 1 of 3 each: the remainder goes to the member listed first.
    const tie = rollUpReferrers(
      [
        { referrer: 'Okänd', gender: 'kvinna', count: 1 },
        { referrer: 'AF', gender: 'kvinna', count: 1 },
        { referrer: 'Region', gender: 'kvinna', count: 1 },
      ],
      book,
      3,
    );
    expect(tie.rows.filter((r) => r.count).map((r) => [r.value, r.percent])).toEqual([
      ['Region', 34],
      ['Arbetsförmedlingen', 33],
      ['Annan', 33],
    ]);
  });
});

describe('an override file', () => {
  const file = JSON.stringify({
    id: 'sthlm',
    members: [
      { name: 'Stockholms stad', referrers: ['Jobbtorg/staden'], prefixes: ['Stadsdelsförvaltning'] },
      { name: 'Region Stockholm', prefixes: ['Psykiatri'] },
      { name: 'Övriga', other: true },
    ],
  });

  it('renames members, uses its own spellings and sends the rest to its "other" member', () => {
    const parsed = parseReferrerCodebookJson(file);
    if (!parsed.ok) throw new Error(parsed.errors.join(' '));
    const own = parsed.codebook;
    expect(own.members.map((m) => m.name)).toEqual(['Stockholms stad', 'Region Stockholm', 'Övriga']);
    expect(memberOf(own, 'Stadsdelsförvaltning Söder')).toBe('Stockholms stad');
    expect(memberOf(own, 'Stockholms stad')).toBe('Stockholms stad'); // the name itself
    expect(memberOf(own, 'Psykiatrin Nord')).toBe('Region Stockholm');
    expect(memberOf(own, 'Försäkringskassan')).toBe('Övriga'); // not in this file
    const d = rollUpReferrers([{ referrer: 'Vårdcentral', gender: 'man', count: 5 }], own, 5);
    expect(d.rows.map((r) => [r.value, r.count])).toEqual([
      ['Stockholms stad', 0],
      ['Region Stockholm', 0],
      ['Övriga', 5],
    ]);
    expect(d.codebook).toBe('sthlm');
  });

  it('adds an "Annan" member when none is marked other', () => {
    const parsed = parseReferrerCodebookJson('{"members":[{"name":"Kommun","referrers":["Socialtjänsten"]}]}');
    expect(parsed.ok && parsed.codebook.members.map((m) => [m.name, m.other])).toEqual([
      ['Kommun', false],
      ['Annan', true],
    ]);
  });

  it('lists every problem in Swedish', () => {
    const bad = parseReferrerCodebookJson(
      JSON.stringify({
        members: [
          { name: 'A', referrers: ['FK'], prefix: ['x'] },
          { name: 'B', referrers: ['fk'], other: true },
          { name: 'Uppgift saknas', other: true },
          { referrers: ['y'] },
        ],
      }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toEqual([
        expect.stringMatching(/Okänt fält "prefix"/),
        expect.stringMatching(/"fk" finns hos både A och B/),
        expect.stringMatching(/reserverat/),
        expect.stringMatching(/medlem nr 4 saknar namn/),
        expect.stringMatching(/Bara en medlem kan ha "other"/),
      ]);
    }
    expect(parseReferrerCodebookJson('{members: []}')).toMatchObject({ ok: false, errors: [expect.stringMatching(/inte giltig JSON/)] });
  });
});
