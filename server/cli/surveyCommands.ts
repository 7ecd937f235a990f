// finsam insats … and finsam round …
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { dateOption, intOption, parse, requireOption } from './args.js';
import {
  addInsats,
  createRound,
  findInsatsByName,
  findRound,
  listInsatser,
  listRounds,
  roundState,
  roundUrl,
  setRoundInvited,
  type InvitedBasis,
} from '../survey/rounds.js';
import { audit } from '../auth/audit.js';
import { shownRoundResponses } from '../indicators/disclosure.js';
import { UserError } from '../errors.js';

export async function insatsCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const name = rest.join(' ').trim();
    if (!name) throw new CliError('Ange insatsens namn: finsam insats add <namn>', 2);
    try {
      const insats = await addInsats(ctx.db, name);
      ctx.json({ id: insats.id, name: insats.name });
    } catch (err) {
      if (err instanceof UserError) throw new CliError(err.message);
      throw err;
    }
    return 0;
  }
  if (sub === 'invited') {
    const { values, positionals } = parse(
      rest,
      { invited: { type: 'string' }, 'invited-basis': { type: 'string' }, 'invited-note': { type: 'string' }, clear: { type: 'boolean' } },
      ROUND_USAGE,
    );
    const id = intOption(positionals[0], 'id', 1);
    if (id === undefined || positionals.length > 1) throw new CliError(`Ange omgångens nummer.\nAnvändning: ${ROUND_USAGE}`, 2);
    if (!(await findRound(ctx.db, id))) throw new CliError(`Enkätomgång ${id} finns inte.`);
    const invited = values.clear ? null : (intOption(values.invited, 'invited') ?? null);
    const basis = values.clear ? null : (values['invited-basis'] ?? (invited === null ? null : 'entered'));
    await setRoundInvited(ctx.db, id, invited, { basis, note: values['invited-note'] ?? null });
    await audit(ctx.db, 'kommandoraden', 'round.invited', { roundId: id, invited, basis });
    ctx.print(`Underlaget för svarsfrekvensen i omgång ${id} är sparat.`);
    return 0;
  }
  if (sub === 'list') {
    for (const i of await listInsatser(ctx.db)) ctx.print(`${i.id}\t${i.name}${i.archived ? '\t(arkiverad)' : ''}`);
    return 0;
  }
  throw new CliError('Okänt kommando. Använd: finsam insats add <namn> | finsam insats list', 2);
}

const ROUND_USAGE = [
  'finsam round create --instrument <id> [--insats <namn>] --period <etikett> [--opens ÅÅÅÅ-MM-DD] [--closes ÅÅÅÅ-MM-DD]',
  '                    [--invited N] [--invited-basis entered|subgroup|ended|enrolled] [--invited-note TEXT] [--kiosk] [--year ÅÅÅÅ]',
  '                    [--event ID] (utan --insats: omgången utvärderar en händelse, se finsam event list)',
  'finsam round invited <id> ([--invited N] [--invited-basis …] [--invited-note TEXT] | --clear)',
].join('\n');

export async function roundCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parse(
      rest,
      {
        instrument: { type: 'string' },
        insats: { type: 'string' },
        period: { type: 'string' },
        opens: { type: 'string' },
        closes: { type: 'string' },
        invited: { type: 'string' },
        'invited-basis': { type: 'string' },
        'invited-note': { type: 'string' },
        year: { type: 'string' },
        kiosk: { type: 'boolean' },
        event: { type: 'string' },
      },
      ROUND_USAGE,
    );
    const instrumentId = requireOption(values.instrument, 'instrument', ROUND_USAGE);
    // Without --insats the round belongs to the förbund itself (styrelse, beredningsgrupp, remittenter, kurser).
    const insatsName = values.insats === undefined ? null : requireOption(values.insats, 'insats', ROUND_USAGE);
    const period = requireOption(values.period, 'period', ROUND_USAGE);
    const opensOn = dateOption(values.opens, 'opens');
    const closesOn = dateOption(values.closes, 'closes');
    if (opensOn && closesOn && closesOn < opensOn) throw new CliError('--closes kan inte vara före --opens.', 2);
    const invited = intOption(values.invited, 'invited');
    const year = intOption(values.year, 'year', 1900);
    const q = ctx.surveys.get(instrumentId);
    if (!q)
      throw new CliError(
        `Enkäten "${instrumentId}" finns inte. Tillgängliga: ${ctx.surveys
          .latest()
          .map((x) => x.id)
          .join(', ')}.`,
        2,
      );
    const insats = insatsName === null ? null : await findInsatsByName(ctx.db, insatsName);
    if (insatsName !== null && !insats)
      throw new CliError(`Insatsen "${insatsName}" finns inte. Lägg till den först: finsam insats add "${insatsName}"`);
    const round = await createRound(ctx.db, {
      instrumentId: q.id,
      instrumentVersion: q.version,
      insatsId: insats?.id ?? null,
      period,
      year,
      opensOn,
      closesOn,
      invited: invited ?? null,
      invitedBasis: (values['invited-basis'] ?? null) as InvitedBasis | null,
      invitedNote: values['invited-note'] ?? null,
      kiosk: values.kiosk === true,
      eventId: intOption(values.event, 'event', 1) ?? null,
    });
    ctx.json({ id: round.id, token: round.token, url: roundUrl(ctx.config.baseUrl, round.token) });
    return 0;
  }
  if (sub === 'invited') {
    const { values, positionals } = parse(
      rest,
      { invited: { type: 'string' }, 'invited-basis': { type: 'string' }, 'invited-note': { type: 'string' }, clear: { type: 'boolean' } },
      ROUND_USAGE,
    );
    const id = intOption(positionals[0], 'id', 1);
    if (id === undefined || positionals.length > 1) throw new CliError(`Ange omgångens nummer.\nAnvändning: ${ROUND_USAGE}`, 2);
    if (!(await findRound(ctx.db, id))) throw new CliError(`Enkätomgång ${id} finns inte.`);
    const invited = values.clear ? null : (intOption(values.invited, 'invited') ?? null);
    const basis = values.clear ? null : (values['invited-basis'] ?? (invited === null ? null : 'entered'));
    await setRoundInvited(ctx.db, id, invited, { basis, note: values['invited-note'] ?? null });
    await audit(ctx.db, 'kommandoraden', 'round.invited', { roundId: id, invited, basis });
    ctx.print(`Underlaget för svarsfrekvensen i omgång ${id} är sparat.`);
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, { json: { type: 'boolean' } }, 'finsam round list [--json]');
    const rounds = await listRounds(ctx.db);
    // Response counts are published numbers: null where the disclosure decision hides them (docs/disclosure.md).
    const shown = await shownRoundResponses(ctx.db, ctx.surveys, rounds, ctx.config.minCell);
    const rows = rounds.map((r) => ({
      id: r.id,
      // "Förbundet" with insatsId null for a round of the förbund itself.
      insats: r.insats_name,
      insatsId: r.insats_id,
      instrument: r.instrument_id,
      version: r.instrument_version,
      period: r.period,
      year: r.year,
      opens: r.opens_on,
      closes: r.closes_on,
      invited: r.invited,
      invitedBasis: r.invited_basis,
      invitedNote: r.invited_note,
      kiosk: r.kiosk === 1,
      state: roundState(r),
      responses: shown.get(r.id) ?? null,
      url: roundUrl(ctx.config.baseUrl, r.token),
    }));
    if (values.json) ctx.json(rows);
    else
      for (const r of rows)
        ctx.print(`${r.id}\t${r.insats}\t${r.instrument}\t${r.period}\t${r.state}\t${r.responses ?? '–'} svar\t${r.url}`);
    return 0;
  }
  throw new CliError(`Okänt kommando. Använd: ${ROUND_USAGE} | finsam round list [--json]`, 2);
}
