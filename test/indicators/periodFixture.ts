// Rounds with and without dates, and responses inside and outside their spans (docs/rules.md
// "Perioder"), written straight into the tables. Insats FINSAM-team:
//   A1 undated 2024 (span the year):  8 in March (4 k "5", 4 m "2"), 6 in September (3 k "6", 3 m "5")
//   A2 2024-05-01..08-31:             1 early 2024-04-20 (k "5", counts on 05-01, H1), 6 in May (3 k "5",
//                                      3 m "1"), 7 in July (4 k "4", 3 m "3"), 2 late 2024-09-20 (m "6", count on 08-31, H2)
//   A3 2024-10-01..12-31, invited 10: 5 in November (3 k, 2 m "5"), 1 late 2025-01-10 (k "2", counts in 2024)
// Insats Novum: B1 undated 2024, 10 in March (5 k, 5 m "5").
// So FINSAM-team H1 = 8 + 7 = 15 (8 positive on nytta), H2 = 6 + 9 + 6 = 21 (17 positive), 2024 = 36.
import type { Db } from '../../server/db/database.js';
import { makeRound } from '../helpers.js';
import { addResponses, many } from '../disclosure/helpers.js';

export const INSTRUMENT = 'nns-deltagare-avslut';

export async function seedPeriods(db: Db) {
  const a1 = await makeRound(db, { insats: 'FINSAM-team', period: 'Helår 2024', invited: 20 });
  const a2 = await makeRound(db, {
    insats: 'FINSAM-team',
    period: 'Sommar 2024',
    opensOn: '2024-05-01',
    closesOn: '2024-08-31',
    invited: 20,
  });
  const a3 = await makeRound(db, {
    insats: 'FINSAM-team',
    period: 'Höst 2024',
    opensOn: '2024-10-01',
    closesOn: '2024-12-31',
    invited: 10,
  });
  const b1 = await makeRound(db, { insats: 'Novum', period: 'Helår 2024', invited: 15 });
  const nytta = (v: string) => ({ nytta: v });
  await addResponses(db, a1.id, [
    ...many(4, 'kvinna', nytta('5'), { skillnad: 'vårtext' }, '2024-03-10'),
    ...many(4, 'man', nytta('2'), undefined, '2024-03-10'),
    ...many(3, 'kvinna', nytta('6'), { skillnad: 'hösttext' }, '2024-09-10'),
    ...many(3, 'man', nytta('5'), undefined, '2024-09-10'),
  ]);
  await addResponses(db, a2.id, [
    ...many(1, 'kvinna', nytta('5'), undefined, '2024-04-20'),
    ...many(3, 'kvinna', nytta('5'), undefined, '2024-05-15'),
    ...many(3, 'man', nytta('1'), undefined, '2024-05-15'),
    ...many(4, 'kvinna', nytta('4'), undefined, '2024-07-15'),
    ...many(3, 'man', nytta('3'), undefined, '2024-07-15'),
    ...many(2, 'man', nytta('6'), undefined, '2024-09-20'),
  ]);
  await addResponses(db, a3.id, [
    ...many(3, 'kvinna', nytta('5'), undefined, '2024-11-05'),
    ...many(2, 'man', nytta('5'), undefined, '2024-11-05'),
    ...many(1, 'kvinna', nytta('2'), undefined, '2025-01-10'),
  ]);
  await addResponses(db, b1.id, [
    ...many(5, 'kvinna', nytta('5'), undefined, '2024-03-01'),
    ...many(5, 'man', nytta('5'), undefined, '2024-03-01'),
  ]);
  return { a1, a2, a3, b1 };
}
