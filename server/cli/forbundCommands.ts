// finsam forbund show|set|logo: the förbund's name, contact details and logo, the same as on the
// web page /kansli/forbund (docs/configuration.md "Förbundets uppgifter").
import { readFile } from 'node:fs/promises';
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { parse } from './args.js';
import { ContactErrors, loadIdentity, saveContact, saveLogo } from '../settings/forbundIdentity.js';
import { MAX_LOGO_BYTES } from '../../analysis/forbundIdentityRules.js';
import { UserError } from '../errors.js';
import { identityNumberProblem } from '../followup/identityGuard.js';

export const FORBUND_USAGE = [
  'finsam forbund show [--json]',
  'finsam forbund set [--name NAMN] [--email ADRESS] [--phone NUMMER] [--web https://…]   ("" tömmer ett fält)',
  'finsam forbund logo <fil.png|fil.jpg> | --remove',
].join('\n');

export async function forbundCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'show') {
    const { values } = parse(rest, { json: { type: 'boolean' } }, FORBUND_USAGE);
    const id = await loadIdentity(ctx.db, ctx.config.forbund);
    const shown = {
      name: id.name,
      email: id.email,
      phone: id.phone,
      web: id.web,
      logo: id.logoUrl !== null,
      fromStartValues: id.fromStartValues,
    };
    if (values.json) ctx.json(shown);
    else
      ctx.print(
        [
          `Namn: ${id.name}`,
          `E-post: ${id.email ?? '–'}`,
          `Telefon: ${id.phone ?? '–'}`,
          `Webbplats: ${id.web ?? '–'}`,
          `Logotyp: ${id.logoUrl ? 'ja' : 'nej'}`,
          ...(id.fromStartValues ? ['(Inget sparat ännu: startvärdena från FINSAM_FORBUND_* visas.)'] : []),
        ].join('\n'),
      );
    return 0;
  }
  if (sub === 'set') {
    const { values } = parse(
      rest,
      { name: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' }, web: { type: 'string' } },
      FORBUND_USAGE,
    );
    if (Object.values(values).every((v) => v === undefined))
      throw new CliError(`Ange minst ett av --name, --email, --phone och --web.\nAnvändning:\n${FORBUND_USAGE}`, 2);
    // A field not given keeps its current value.
    const now = await loadIdentity(ctx.db, ctx.config.forbund);
    const next = {
      name: values.name ?? now.name,
      email: values.email ?? now.email,
      phone: values.phone ?? now.phone,
      web: values.web ?? now.web,
    };
    const problem = identityNumberProblem(next.name, 'Namnet') ?? identityNumberProblem(next.email, 'E-postadressen');
    if (problem) throw new CliError(problem);
    try {
      const saved = await saveContact(ctx.db, next, 'kommandoraden');
      ctx.print(
        `Sparat: ${saved.name}${saved.email ? `, ${saved.email}` : ''}${saved.phone ? `, ${saved.phone}` : ''}${saved.web ? `, ${saved.web}` : ''}.`,
      );
    } catch (err) {
      if (err instanceof ContactErrors) throw new CliError(`Ingenting sparades.\n${Object.values(err.errors).join('\n')}`);
      throw err;
    }
    return 0;
  }
  if (sub === 'logo') {
    const { values, positionals } = parse(rest, { remove: { type: 'boolean' } }, FORBUND_USAGE);
    if (values.remove) {
      await saveLogo(ctx.db, null, ctx.config.forbund, 'kommandoraden');
      ctx.print('Logotypen är borttagen.');
      return 0;
    }
    const file = positionals[0];
    if (!file) throw new CliError(`Ange bildfilen, eller --remove.\nAnvändning:\n${FORBUND_USAGE}`, 2);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      throw new CliError(`Filen ${file} kunde inte läsas. Kontrollera sökvägen.`);
    }
    if (bytes.length > MAX_LOGO_BYTES) throw new CliError(`Bilden är för stor: högst ${MAX_LOGO_BYTES / 1024} kB.`);
    try {
      await saveLogo(ctx.db, bytes, ctx.config.forbund, 'kommandoraden');
    } catch (err) {
      if (err instanceof UserError) throw new CliError(err.message);
      throw err;
    }
    ctx.print('Logotypen är sparad. Den visas på enkätsidorna inom en sekund.');
    return 0;
  }
  throw new CliError(`Använd:\n${FORBUND_USAGE}`, 2);
}
