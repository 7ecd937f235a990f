// The personnummer guard (analysis/personnummer.ts): the spellings that used to slip through, false
// positives that must not be caught, and property tests over random separators and Unicode variants.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containsIdentityNumber, findIdentityNumbers, luhnValid, maskIdentityNumbers } from '../../analysis/personnummer.js';
import { luhnDigit } from '../followup/helpers.js';

describe('personnummer guard: spellings seen in real files', () => {
  // 850709-9805 passes the Luhn check (computed independently below).
  it.each([
    ['space', '850709 9805'],
    ['en dash (Word/Excel autocorrect)', '850709\u20139805'],
    ['em dash', '850709\u20149805'],
    ['non-breaking hyphen U+2011', '850709\u20119805'],
    ['minus sign U+2212', '850709\u22129805'],
    ['full date with dashes', '1985-07-09-9805'],
    ['underscore', '850709_9805'],
    ['slash', '850709/9805'],
    ['dot', '850709.9805'],
    ['spaced groups', '85 07 09-9805'],
    ['no-break space', '850709\u00A09805'],
    ['narrow no-break space and dash', '850709\u202F-\u202F9805'],
    ['zero-width space inside', '8507\u200B09-9805'],
    ['word joiner inside', '850709-98\u206005'],
    ['soft hyphen inside', '850709\u00AD9805'],
    ['full-width digits', '８５０７０９-９８０５'],
    ['full-width hyphen', '850709\uFF0D9805'],
    ['twelve digits', '198507099805'],
    ['twelve digits with dash', '19850709-9805'],
    ['over 100', '850709+9805'],
    ['inside text', 'Deltagaren (850709–9805) avslutades'],
  ])('catches %s', (_name, text) => {
    expect(luhnDigit('850709980')).toBe('5');
    expect(containsIdentityNumber(text)).toBe(true);
    const masked = maskIdentityNumbers(text);
    expect(masked).toContain('[personnummer]');
    expect(masked.replace(/\D/g, '')).not.toMatch(/9805|９８０５/);
  });

  it('catches a samordningsnummer (day + 60)', () => {
    const nine = '850769980';
    expect(containsIdentityNumber(`${nine.slice(0, 6)}-${nine.slice(6)}${luhnDigit(nine)}`)).toBe(true);
  });

  it('keeps the text around a masked number', () => {
    expect(maskIdentityNumbers('före 850709–9805 efter')).toBe('före [personnummer] efter');
    expect(findIdentityNumbers('ab 8507\u200B09-9805')).toEqual([{ start: 3, end: 15 }]);
  });
});

describe('personnummer guard: no false positives', () => {
  it.each([
    ['a date', '2024-06-25'],
    ['a date range', '2024-01-01 – 2024-06-30'],
    ['a date range written without spaces', '2023-07-01/2024-06-30'],
    ['date and time', '2024-06-25 10:30'],
    ['a pseudonymous id', 'S-0361'],
    ['wrong check digit', '850709-9806'],
    ['impossible month', '851309-9805'],
    ['impossible day', '850732-1234'],
    ['29 February in a non-leap year', '19850229-1234'],
    ['eleven digits', '98507099805'],
    ['thirteen digits', '1198507099805'],
    ['an amount', '1 234 567 890 kr'],
    ['a phone number', '070-123 45 67'],
    ['an organisation number', '556036-0793'],
    ['a year range', '2019–2024'],
  ])('does not catch %s', (_name, text) => {
    expect(containsIdentityNumber(text)).toBe(false);
    expect(maskIdentityNumbers(text)).toBe(text);
  });

  it('can also mask look-alikes with a wrong check digit', () => {
    expect(maskIdentityNumbers('850709-9806', '[x]', true)).toBe('[x]');
  });

  it('checks Luhn', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189875')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const two = (n: number) => String(n).padStart(2, '0');

/** A valid personnummer as { year (4 digits), mm, dd, last4 }, samordningsnummer included. */
const validNumber = fc
  .record({
    year: fc.integer({ min: 1900, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    serial: fc.integer({ min: 0, max: 999 }),
    coordination: fc.boolean(),
  })
  .map(({ year, month, day, serial, coordination }) => {
    const dd = two(Math.min(day, DAYS[month - 1]!) + (coordination ? 60 : 0));
    const nine = `${two(year % 100)}${two(month)}${dd}${String(serial).padStart(3, '0')}`;
    return { year: String(year), mm: two(month), dd, last4: `${nine.slice(6)}${luhnDigit(nine)}` };
  });

const SEPARATORS = [
  ' ',
  '-',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2212',
  '\uFE63',
  '\uFF0D',
  '.',
  '/',
  '_',
  '\u00A0',
  '\u202F',
  '\u2009',
  '\u3000',
  ' - ',
  ' – ',
];
const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const FULL_WIDTH = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** The number written in one of the ways people (and Excel) write it. */
const written = fc
  .record({
    n: validNumber,
    form: fc.constantFrom('10', '12', 'groups10', 'groups12'),
    dateSep: fc.constantFrom('', ...SEPARATORS),
    lastSep: fc.constantFrom('', '+', ...SEPARATORS),
    invisible: fc.option(fc.tuple(fc.constantFrom(...INVISIBLES), fc.nat()), { nil: undefined }),
    fullWidth: fc.boolean(),
  })
  .map(({ n, form, dateSep, lastSep, invisible, fullWidth }) => {
    const y = form.endsWith('12') ? n.year : n.year.slice(2);
    const sep = form.startsWith('groups') ? dateSep : '';
    const last = lastSep === '+' && form.endsWith('12') ? '-' : lastSep;
    let text = `${y}${sep}${n.mm}${sep}${n.dd}${last}${n.last4}`;
    if (fullWidth) text = FULL_WIDTH(text);
    if (invisible) {
      const at = 1 + (invisible[1] % (text.length - 1));
      text = text.slice(0, at) + invisible[0] + text.slice(at);
    }
    return { text, last4: n.last4 };
  });

const surrounding = fc.constantFrom('', ' ', 'Deltagare ', 'pnr: ', '(', 'ID ', 'Anna, ', '"', '\t');
const trailing = fc.constantFrom('', ' ', ' avslutad', ')', ', Arbete', '.', ';', '"', '\n');

describe('personnummer guard: properties', () => {
  it('catches every valid personnummer however it is written, inside any text', () => {
    fc.assert(
      fc.property(written, surrounding, trailing, ({ text, last4 }, before, after) => {
        const cell = `${before}${text}${after}`;
        expect(containsIdentityNumber(cell)).toBe(true);
        const masked = maskIdentityNumbers(cell, '#');
        expect(masked).toBe(`${before}#${after}`);
        expect(masked).not.toContain(last4);
      }),
      { seed: 20261123, numRuns: 3000 },
    );
  });

  it('never catches a number whose check digit is wrong', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 1, max: 9 }), (n, delta) => {
        const wrong = `${n.last4.slice(0, 3)}${(Number(n.last4[3]) + delta) % 10}`;
        expect(containsIdentityNumber(`${n.year.slice(2)}${n.mm}${n.dd}-${wrong}`)).toBe(false);
      }),
      { seed: 20261123, numRuns: 1000 },
    );
  });

  it('never catches an ISO date or a date range', () => {
    const date = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, fc.constantFrom(' – ', '-', ' - ', '/', ' '), (a, b, sep) => {
        expect(containsIdentityNumber(a)).toBe(false);
        expect(containsIdentityNumber(`${a}${sep}${b}`)).toBe(false);
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});
