import { describe, expect, it } from 'vitest';
import { chartDataTable } from '../../analysis/charts/dataTable.js';
import { participantFlowChart, sharePositiveChart } from '../../analysis/charts/configs.js';

describe('the data table beside a chart', () => {
  it('has one row per bar with the value as drawn, and "–" with the reason for a hidden one', () => {
    const t = chartDataTable(
      sharePositiveChart({
        title: 'Andel positiva',
        k: 5,
        items: [
          { label: 'Har du fått tillräckligt med tid?', n: 20, percent: 85 },
          { label: 'Nytta', n: 3, percent: null },
        ],
      }),
    );
    expect(t.rows.map((r) => r.label)).toEqual(['Har du fått tillräckligt med tid?', 'Nytta (färre än 5 svar)']);
    expect(t.rows[0]!.cells[0]).toMatch(/^85\s%.*n\s=\s20/);
    expect(t.rows[1]!.cells[0]).toBe('–');
  });

  it('reads counts from a count chart', () => {
    const t = chartDataTable(
      participantFlowChart({
        title: 'Flöde',
        inskrivnaFranForegaendeAr: 142,
        nyaUnderAret: 352,
        totaltDeltagit: 494,
        avslutade: 348,
        pagaendeVidArsSlut: 146,
      }),
    );
    expect(t.rows).toHaveLength(5);
    expect(t.rows.map((r) => r.cells[0]!.replace(/\s/g, ''))).toEqual(['142', '352', '494', '348', '146']);
  });
});
