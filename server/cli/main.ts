// The `finsam` command line. Uses the same modules as the server and may open the same database
// file while the server runs (WAL + busy_timeout).
import { PERIOD_FORMS } from '../../analysis/period.js';
import { CliError, withContext, type CliContext, type CliIo } from './io.js';
import { UserError } from '../errors.js';
import { insatsCommand, roundCommand } from './surveyCommands.js';
import { importCommand, importOutcomesCommand } from './importCommands.js';
import { indicatorsCommand, outcomesCommand, reportCommand } from './reportCommands.js';
import { targetCommand } from './targetCommands.js';
import { backupCommand, purgeCommand } from './opsCommands.js';
import { chartsCommand } from './chartsCommand.js';
import { userCommand } from './accountCommands.js';
import { variablesCommand, VARIABLES_USAGE } from './variablesCommand.js';
import { groupCommand } from './groupCommands.js';
import { eventCommand } from './eventCommands.js';
import { forbundCommand, FORBUND_USAGE } from './forbundCommands.js';
import { REPORT_PACKAGE_USAGE, reportPackageCommand } from './reportPackageCommand.js';
import { SurveyFileError } from '../../surveys/loader.js';
import { writeText } from './output.js';
import { CODEBOOK_USAGE, codebookCommand } from './codebookCommands.js';
import { INSTRUMENT_USAGE, instrumentCommand } from './instrumentCommand.js';
import { NATIONAL_USAGE, nationalCommand } from './nationalCommands.js';

type Command = (ctx: CliContext, args: string[]) => Promise<number>;

/** Registered commands; later modules add theirs here. */
export const COMMANDS: Record<string, { run: Command; help: string }> = {
  insats: { run: insatsCommand, help: 'insats add <namn> | insats list' },
  group: { run: groupCommand, help: 'group create <namn> --insats A --insats B | group list [--json] | group set|rename|delete <namn> …' },
  round: { run: roundCommand, help: 'round create --instrument <id> [--insats <namn>] --period <etikett> … | round list' },
  instrument: { run: instrumentCommand, help: INSTRUMENT_USAGE.replace(/^finsam /, '') },
  'import-outcomes': { run: importOutcomesCommand, help: 'import-outcomes <fil.csv> [--codebook standard|sus|<fil.json>]' },
  import: { run: importCommand, help: 'import list | import undo <id>' },
  codebook: { run: codebookCommand, help: CODEBOOK_USAGE },
  outcomes: { run: outcomesCommand, help: 'outcomes --period PERIOD [--insats NAMN | --group GRUPP] [--codebook …] --json' },
  indicators: {
    run: indicatorsCommand,
    help:
      'indicators (--round ID | --period PERIOD [--insats NAMN | --forbund] [--instrument ID] [--series ANTAL]) --json\n' +
      '  finsam indicators --across-groups [--indicator NYCKEL --period PERIOD [--periods 1–5] [--insats NAMN]] --json',
  },
  national: { run: nationalCommand, help: NATIONAL_USAGE },
  report: { run: reportCommand, help: 'report --period PERIOD [--insats NAMN | --group GRUPP] --json' },
  variables: { run: variablesCommand, help: VARIABLES_USAGE.replace(/^finsam /, '') },
  user: { run: userCommand, help: 'user add <namn> --role admin|analytiker | user list | user role|disable|enable|password <namn> …' },
  backup: { run: backupCommand, help: 'backup <fil> (säkerhetskopia, säker medan servern körs)' },
  purge: { run: purgeCommand, help: 'purge --older-than <år> --yes (gallring)' },
  charts: {
    run: chartsCommand,
    help: 'charts --period PERIOD [--insats NAMN | --group GRUPP] --out <mapp> (alla diagram för perioden som PNG/SVG)',
  },
  'report-package': { run: reportPackageCommand, help: REPORT_PACKAGE_USAGE.replace(/^finsam /, '') },
  forbund: {
    run: forbundCommand,
    help: FORBUND_USAGE.replace(/^finsam /gm, '')
      .split('\n')
      .join(' | '),
  },
  event: { run: eventCommand, help: 'event add|list|summary|remove … (kurser, konferenser och andra händelser)' },
  target: { run: targetCommand, help: 'target set|list|outcome|verdict|remove … (förväntat resultat per insats och period)' },
};

function usage(): string {
  return [
    'Användning: finsam <kommando> [argument]',
    '',
    ...Object.values(COMMANDS).map((c) => `  finsam ${c.help}`),
    '',
    `PERIOD är ${PERIOD_FORMS}; --year ÅÅÅÅ betyder --period ÅÅÅÅ.`,
    'Databasen väljs med FINSAM_DB (standard ./data/finsam.db).',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    writeText(io.stdout, usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    writeText(io.stderr, `Okänt kommando "${name}".\n${usage()}`);
    return 2;
  }
  try {
    return await withContext(io, (ctx) => command.run(ctx, args));
  } catch (err) {
    if (err instanceof CliError) {
      writeText(io.stderr, `Fel: ${err.message}`);
      return err.exitCode;
    }
    // Every expected failure from the services is a UserError with a Swedish message: one mapping.
    if (err instanceof UserError || err instanceof SurveyFileError) {
      writeText(io.stderr, `Fel: ${err.message}`);
      return 1;
    }
    writeText(io.stderr, `Oväntat fel: ${(err as Error).message}`);
    return 1;
  }
}
