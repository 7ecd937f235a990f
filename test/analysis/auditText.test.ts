import { describe, expect, it } from 'vitest';
import { auditAction, auditDetails, auditTime } from '../../analysis/auditText.js';

describe('the audit log in words', () => {
  it('names actions in Swedish and keeps unknown ones as stored', () => {
    expect(auditAction('export.csv')).toBe('Laddade ner en tabell (CSV)');
    expect(auditAction('round.paper')).toBe('Skrev in ett svar från en pappersenkät');
    expect(auditAction('something.new')).toBe('something.new');
  });

  it('turns the stored details into readable Swedish', () => {
    expect(auditDetails('{"table":"flode","period":"2024-H1","insatsId":3,"roundId":null}')).toBe(
      'tabell: flode, period: 2024-H1, insats: 3',
    );
    expect(auditDetails('{"freeText":true}')).toBe('med fritext: ja');
    expect(auditDetails('not json')).toBe('not json');
  });

  it('shows Swedish local time, summer and winter', () => {
    expect(auditTime('2024-07-01T10:00:00.000Z')).toBe('2024-07-01 12:00:00');
    expect(auditTime('2024-12-01T10:00:00.000Z')).toBe('2024-12-01 11:00:00');
  });
});
