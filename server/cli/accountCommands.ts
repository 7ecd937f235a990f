// finsam user add|list|role|disable|enable|password
import type { CliContext } from './io.js';
import { CliError, readStdin } from './io.js';
import { parse } from './args.js';
import { addUser, listUsers, setDisabled, setPassword, setRole } from '../auth/users.js';
import { audit } from '../auth/audit.js';
import { UserError } from '../errors.js';

const USAGE = [
  'finsam user add <namn> --role admin|analytiker   (lösenordet läses från standard in eller frågas efter)',
  'finsam user list',
  'finsam user role <namn> admin|analytiker',
  'finsam user disable <namn> | finsam user enable <namn>',
  'finsam user password <namn>',
].join('\n');

async function readPassword(ctx: CliContext): Promise<string> {
  const stdin = ctx.io.stdin as NodeJS.ReadStream;
  if (stdin.isTTY) {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: stdin, output: ctx.io.stderr as NodeJS.WriteStream, terminal: true });
    // Hide the typed characters.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    ctx.io.stderr.write('Lösenord (minst 12 tecken): ');
    const pw = await rl.question('');
    rl.close();
    ctx.io.stderr.write('\n');
    return pw;
  }
  return (await readStdin(ctx.io.stdin)).split(/\r?\n/)[0] ?? '';
}

export async function userCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'add') {
      const { values, positionals } = parse(rest, { role: { type: 'string' } }, USAGE);
      if (positionals.length !== 1) throw new CliError(`Ange ett användarnamn.\n${USAGE}`, 2);
      if (!values.role) throw new CliError(`--role saknas (admin eller analytiker).\n${USAGE}`, 2);
      const user = await addUser(ctx.db, positionals[0]!, values.role, await readPassword(ctx), ctx.config.scryptCost);
      await audit(ctx.db, 'kommandoraden', 'user.add', { user: user.name, role: user.role });
      ctx.print(`Användaren ${user.name} (${user.role}) är skapad.`);
      return 0;
    }
    if (sub === 'list') {
      for (const u of await listUsers(ctx.db)) ctx.print(`${u.name}\t${u.role}${u.disabled ? '\t(inaktiverad)' : ''}`);
      return 0;
    }
    if (sub === 'role' && rest.length === 2) {
      await setRole(ctx.db, rest[0]!, rest[1]!);
      await audit(ctx.db, 'kommandoraden', 'user.role', { user: rest[0], role: rest[1] });
      ctx.print(`${rest[0]} har nu rollen ${rest[1]}.`);
      return 0;
    }
    if ((sub === 'disable' || sub === 'enable') && rest.length === 1) {
      await setDisabled(ctx.db, rest[0]!, sub === 'disable');
      await audit(ctx.db, 'kommandoraden', `user.${sub}`, { user: rest[0] });
      ctx.print(sub === 'disable' ? `${rest[0]} är inaktiverad och utloggad.` : `${rest[0]} kan logga in igen.`);
      return 0;
    }
    if (sub === 'password' && rest.length === 1) {
      await setPassword(ctx.db, rest[0]!, await readPassword(ctx), ctx.config.scryptCost);
      await audit(ctx.db, 'kommandoraden', 'user.password', { user: rest[0] });
      ctx.print(`Lösenordet för ${rest[0]} är bytt; alla dess inloggningar är avslutade.`);
      return 0;
    }
  } catch (err) {
    if (err instanceof UserError) throw new CliError(err.message);
    throw err;
  }
  throw new CliError(`Använd:\n${USAGE}`, 2);
}
