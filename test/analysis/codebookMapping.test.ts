// Mapping between two code books: validation and counting one year's rows in the other's reasons.
import { describe, expect, it } from 'vitest';
import type { ReasonCountRow } from '../../analysis/reasonGroups.js';
import { convertReasonRows, unreachedReasons, validateCodebookMapping } from '../../analysis/codebookMapping.js';

const row = (reason: string, women: number, men: number, other = 0): ReasonCountRow => ({
  reason,
  women,
  men,
  other,
  total: women + men + other,
});

describe('mapping between code books', () => {
  const old = { id: 'forbund-2023', reasons: ['Arbete', 'Studier', 'Sjukdom', 'Övrigt'] };
  const neu = { id: 'forbund-2024', reasons: ['Arbete', 'Studier', 'Arbetssökande', 'Sjukdom/vård/behandling', 'Övrigt'] };
  const file = {
    from: 'forbund-2023',
    to: 'forbund-2024',
    map: { Arbete: 'Arbete', studier: 'Studier', Sjukdom: 'Sjukdom, vård, behandling', Övrigt: 'Övrigt' },
  };

  it('validates that every old reason gets one new reason', () => {
    const ok = validateCodebookMapping(file, old, neu);
    if (!ok.ok) throw new Error(ok.errors.join('\n'));
    expect([...ok.mapping.map]).toEqual([
      ['Arbete', 'Arbete'],
      ['Studier', 'Studier'],
      ['Sjukdom', 'Sjukdom/vård/behandling'],
      ['Övrigt', 'Övrigt'],
    ]);
    expect(unreachedReasons(ok.mapping, neu.reasons)).toEqual(['Arbetssökande']);
  });

  it('refuses an old reason given twice (spellings compared by match key)', () => {
    const twice = validateCodebookMapping({ ...file, map: { ...file.map, Studier: 'Arbete' } }, old, neu);
    expect(twice).toEqual({ ok: false, errors: ['"Studier" står två gånger i "map". Ge den bara en ny orsak.'] });
  });

  it('lists every problem', () => {
    const bad = validateCodebookMapping(
      { from: 'x', to: 'forbund-2024', map: { Arbete: 'Jobb', Praktik: 'Arbete', Studier: 3 } },
      old,
      neu,
    );
    if (bad.ok) throw new Error('expected errors');
    const text = bad.errors.join('\n');
    expect(text).toMatch(/"from" ska vara "forbund-2023"/);
    expect(text).toMatch(/"Arbete" mappas till "Jobb", som inte finns i kodboken "forbund-2024"/);
    expect(text).toMatch(/"Praktik" i "map" finns inte i kodboken "forbund-2023"/);
    expect(text).toMatch(/"Studier" mappas till något som inte är en text/);
    expect(text).toMatch(/saknas i "map": Sjukdom, Övrigt/);
    expect(validateCodebookMapping([], old, neu).ok).toBe(false);
  });

  it('converts counts into the new reasons, keeping totals and flagging what has no source', () => {
    const map = { Arbete: 'Arbete', Studier: 'Arbete', Sjukdom: 'Sjukdom/vård/behandling', Övrigt: 'Övrigt' };
    const ok = validateCodebookMapping({ ...file, map }, old, neu);
    if (!ok.ok) throw new Error(ok.errors.join('\n'));
    const rows = [row('Arbete', 3, 2), row('Studier', 1, 1), row('Sjukdom', 4, 0, 1), row('Övrigt', 2, 2), row('Okänd', 1, 0)];
    const out = convertReasonRows(rows, ok.mapping, neu.reasons);
    expect(out).toEqual([
      { ...row('Arbete', 4, 3), sources: ['Arbete', 'Studier'], inCodebook: true },
      { ...row('Studier', 0, 0), sources: [], inCodebook: true },
      { ...row('Arbetssökande', 0, 0), sources: [], inCodebook: true },
      { ...row('Sjukdom/vård/behandling', 4, 0, 1), sources: ['Sjukdom'], inCodebook: true },
      { ...row('Övrigt', 2, 2), sources: ['Övrigt'], inCodebook: true },
      { ...row('Okänd', 1, 0), sources: ['Okänd'], inCodebook: false },
    ]);
    const sum = (rs: ReasonCountRow[]) => rs.reduce((a, r) => a + r.total, 0);
    expect(sum(out)).toBe(sum(rows));
  });
});
