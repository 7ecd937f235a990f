// finsam report-package --period PERIOD [--insats NAMN | --group GRUPP] --out <katalog>: the report as
// a Word document, an Excel workbook and a ZIP of every chart and table (docs/operations.md).
import fs from 'node:fs';
import path from 'node:path';
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { insatsOrGroup, parse, periodOption, requireOption } from './args.js';
import { PACKAGE_FORMATS, reportPackage } from '../report/package.js';
import { audit } from '../auth/audit.js';

export const REPORT_PACKAGE_USAGE = 'finsam report-package (--period PERIOD | --year ÅÅÅÅ) [--insats NAMN | --group GRUPP] --out <katalog>';

export async function reportPackageCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      period: { type: 'string' },
      year: { type: 'string' },
      insats: { type: 'string' },
      group: { type: 'string' },
      out: { type: 'string' },
    },
    REPORT_PACKAGE_USAGE,
  );
  if (positionals.length) throw new CliError(`För många argument.\nAnvändning: ${REPORT_PACKAGE_USAGE}`, 2);
  const period = periodOption(values, REPORT_PACKAGE_USAGE);
  const { insats, group } = insatsOrGroup(values, REPORT_PACKAGE_USAGE);
  const outDir = path.resolve(requireOption(values.out, 'out', REPORT_PACKAGE_USAGE));
  const pack = await reportPackage(ctx, period, insats, group, PACKAGE_FORMATS);
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (err) {
    throw new CliError(`Mappen "${outDir}" kan inte skapas: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  for (const [ext, body] of Object.entries(pack.files)) {
    const file = path.join(outDir, `${pack.baseName}.${ext}`);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      // Written next to the target and renamed, so a reader never sees half a file.
      fs.writeFileSync(tmp, body);
      fs.renameSync(tmp, file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw new CliError(
        `${path.basename(file)} kan inte sparas i "${outDir}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
      );
    }
    ctx.print(`  ${pack.baseName}.${ext}`);
  }
  await audit(ctx.db, 'kommandoraden', 'export.package', {
    period: values.period ?? values.year,
    insats: insats ?? null,
    group: group ?? null,
  });
  ctx.print(`Rapporten (${pack.tables} tabeller, ${pack.charts} diagram) är sparad i ${outDir}.`);
  return 0;
}
