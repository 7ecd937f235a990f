// The audit log in words (docs/security.md "Granskningslogg"): each stored action and its details
// as a Swedish sentence part, and the time in Swedish local time. Pure: the stored entry in, text out.

const ACTIONS: Record<string, string> = {
  signin: 'Loggade in',
  'signin.failed': 'Misslyckad inloggning',
  signout: 'Loggade ut',
  'insats.create': 'Lade till en insats',
  'insats.rename': 'Bytte namn på en insats',
  'insats.archive': 'Arkiverade en insats',
  'insats.unarchive': 'Återställde en arkiverad insats',
  'group.create': 'Skapade en grupp av insatser',
  'group.rename': 'Bytte namn på en grupp',
  'group.members': 'Ändrade gruppens insatser',
  'group.delete': 'Tog bort en grupp',
  'round.create': 'Skapade en enkätomgång',
  'round.edit': 'Ändrade en enkätomgång',
  'round.delete': 'Tog bort en enkätomgång utan svar',
  'round.close': 'Stängde en enkätomgång',
  'round.reopen': 'Öppnade en enkätomgång igen',
  'round.invited': 'Ändrade underlaget för svarsfrekvensen',
  'round.paper': 'Skrev in ett svar från en pappersenkät',
  import: 'Importerade insatsuppföljning',
  'import.undo': 'Ångrade en import',
  'import.mappings.save': 'Sparade kopplingar av avslutsorsaker',
  'import.mappings.remove': 'Tog bort en koppling av en avslutsorsak',
  'export.csv': 'Laddade ner en tabell (CSV)',
  'export.chart': 'Laddade ner ett diagram',
  'export.raw': 'Laddade ner en omgångs svar',
  'export.package': 'Laddade ner hela rapporten',
  'freetext.hide': 'Dolde ett fritextsvar',
  'freetext.restore': 'Visade ett dolt fritextsvar igen',
  'target.save': 'Sparade ett mål',
  'target.edit': 'Ändrade ett mål',
  'target.remove': 'Tog bort ett mål',
  'target.outcome': 'Skrev in ett utfall för hand',
  'target.verdict': 'Sparade en samlad bedömning',
  'event.add': 'Lade till en händelse',
  'event.remove': 'Tog bort en händelse',
  'user.add': 'Lade till ett konto',
  'user.role': 'Ändrade ett kontos roll',
  'user.disable': 'Stängde av ett konto',
  'user.enable': 'Aktiverade ett konto',
  'user.password': 'Bytte lösenord',
  'forbund.save': 'Sparade förbundets namn och kontaktuppgifter',
  'forbund.logo': 'Bytte förbundets logotyp',
  'forbund.logo.remove': 'Tog bort förbundets logotyp',
  'feedback.remove': 'Tog bort ett meddelande om tillgänglighet',
  'national.remove': 'Tog bort nationella jämförelsevärden',
};

const KEYS: Record<string, string> = {
  roundId: 'omgång',
  insatsId: 'insats',
  groupId: 'grupp',
  batchId: 'import',
  targetId: 'mål',
  eventId: 'händelse',
  table: 'tabell',
  chart: 'diagram',
  format: 'format',
  period: 'period',
  year: 'år',
  instrument: 'enkät',
  metric: 'mått',
  inserted: 'nya',
  updated: 'uppdaterade',
  deleted: 'borttagna',
  restored: 'återställda',
  freeText: 'med fritext',
  questionId: 'fråga',
  user: 'konto',
  role: 'roll',
  invited: 'antal',
  basis: 'underlag',
  codebook: 'kodbok',
  spelling: 'stavning',
  reason: 'orsak',
  value: 'värde',
  of: 'av',
  text: 'text',
  count: 'antal',
  name: 'namn',
};

/** The action in words; an action this version does not know is shown as stored. */
export function auditAction(action: string): string {
  return ACTIONS[action] ?? action;
}

function valueText(v: unknown): string {
  if (v === true) return 'ja';
  if (v === false) return 'nej';
  if (v === null || v === undefined) return '–';
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${KEYS[k] ?? k} ${valueText(x)}`)
      .join(', ');
  return String(v);
}

/** The details ("omgång 7, tabell flode") from their stored JSON; unreadable JSON is shown as stored. */
export function auditDetails(json: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return valueText(parsed);
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${KEYS[k] ?? k}: ${valueText(v)}`)
    .join(', ');
}

const LOCAL = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A stored UTC time as Swedish local time ("2024-11-23 22:15:04"). */
export function auditTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : LOCAL.format(d);
}
