// finsam backup <fil> and finsam purge --older-than <år>
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { intOption, parse } from './args.js';
import fs from 'node:fs';
import { backupDatabase, partialFiles } from '../ops/backup.js';
import { purgeOlderThan } from '../ops/purge.js';
import { UserError } from '../errors.js';

export async function backupCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [file, ...rest] = args;
  if (!file || rest.length) throw new CliError('Ange filen som kopian ska skrivas till: finsam backup <fil>', 2);
  // Stopped with Ctrl+C or SIGTERM: remove the partial copy before exiting (docs/operations.md).
  const onSignal = (signal: NodeJS.Signals) => {
    for (const f of partialFiles(file)) fs.rmSync(f, { force: true });
    ctx.printError('Säkerhetskopieringen avbröts; ingen kopia sparades.');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await backupDatabase(ctx.db, file);
    ctx.print(`Säkerhetskopian är klar och kontrollerad: ${result.file} (${Math.ceil(result.bytes / 1024)} kB).`);
  } catch (err) {
    if (err instanceof UserError) throw new CliError(err.message);
    throw err;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  return 0;
}

const PURGE_USAGE = 'finsam purge --older-than <år> [--yes]';

export async function purgeCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parse(args, { 'older-than': { type: 'string' }, yes: { type: 'boolean' } }, PURGE_USAGE);
  const years = intOption(values['older-than'], 'older-than', 1) ?? ctx.config.retentionYears;
  if (!years)
    throw new CliError(`Ange hur gamla uppgifter som ska gallras, eller sätt FINSAM_RETENTION_YEARS.\nAnvändning: ${PURGE_USAGE}`, 2);
  if (!values.yes)
    throw new CliError(`Gallring går inte att ångra. Ta en säkerhetskopia (finsam backup <fil>) och kör sedan igen med --yes.`, 2);
  try {
    const r = await purgeOlderThan(ctx.db, years);
    ctx.print(
      `Gallrat allt daterat före ${r.cutoff}: ${r.responses} enkätsvar, ${r.episodes} avslutade deltagarperioder och ${r.nonces} formulärkoder.`,
    );
  } catch (err) {
    if (err instanceof UserError) throw new CliError(err.message, 2);
    throw err;
  }
  return 0;
}
