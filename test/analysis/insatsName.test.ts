import { describe, expect, it } from 'vitest';
import { cleanInsatsName, insatsNameKey, insatsNameProblem } from '../../analysis/insatsName.js';

describe('one rule for insats names', () => {
  it('treats spacing, composition and case (å/ä/ö too) as the same name', () => {
    expect(cleanInsatsName('  Aktivitetsplatsen \t Söder ')).toBe('Aktivitetsplatsen Söder');
    expect(insatsNameKey('AKTIVITETSPLATSEN  SÖDER')).toBe(insatsNameKey('aktivitetsplatsen söder'));
    expect(insatsNameKey('Sö\u0308der'.replace('ö\u0308', 'o\u0308'))).toBe(insatsNameKey('Söder'));
    expect(insatsNameKey('Novum')).not.toBe(insatsNameKey('Novum 2'));
  });

  it('allows 1–120 characters', () => {
    expect(insatsNameProblem('')).toMatch(/1–120 tecken/);
    expect(insatsNameProblem('x'.repeat(121))).toMatch(/1–120 tecken/);
    expect(insatsNameProblem('x'.repeat(120))).toBeNull();
  });
});
