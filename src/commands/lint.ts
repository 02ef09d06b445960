import { Args, Flags } from '@oclif/core';
import { AttribCommand } from '../cli/base.js';
import { formatFlag, taxonomyFlag } from '../cli/flags.js';
import path from 'node:path';
import { lintFormats, packListFormats, type LintFormatName, type LintFormatOptions } from '../formats/index.js';
import { ConfigError } from '../util/errors.js';
import { parseRuleFlag } from '../lint/rule-settings.js';
import { findRepoRoot } from '../util/paths.js';
import { prose } from '../cli/prose.js';
import { readRegularFileSync } from '../util/read-user-file.js';
import { sanitizeInline } from '../util/terminal.js';

export default class Lint extends AttribCommand {
  static override summary = 'Find model and tool call sites that lack their attribution tags.';
  static override description = prose`Statically analyzes TypeScript and JavaScript (no type checking, no node_modules needed):
every call into an SDK named by a rule pack (attrib lint --list-packs prints them, plus --rules packs)
and every @attrib-model / @attrib-tool wrapper is checked against the taxonomy. An imported AI SDK that
no pack covers is reported (uncovered-sdk). Without PATHS, lints the files of ./tsconfig.json, else
every source file under the working directory.

Suppress one finding with a comment on the line above:
  // attrib-ignore-next-line missing-tags -- <reason> (until 2027-03-31)

Exit codes: 0 no errors and warnings within --max-warnings; 1 errors, parse errors or too many
warnings; 2 usage or config error (bad path, flag, taxonomy, rule pack or baseline; not a git repo).`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> fixtures/agent-app',
    '<%= config.bin %> <%= command.id %> "src/**/*.ts" --format json',
    '<%= config.bin %> <%= command.id %> --staged',
    '<%= config.bin %> <%= command.id %> --changed --base origin/main --format sarif > attrib.sarif',
    '<%= config.bin %> <%= command.id %> --baseline .attrib-baseline.json --update-baseline',
    '<%= config.bin %> <%= command.id %> --list-packs --format json',
  ];
  static override strict = false;
  static override args = {
    paths: Args.string({ description: 'Files, folders or globs to lint.' }),
  };
  static override flags = {
    format: formatFlag(Object.keys(lintFormats) as LintFormatName[], 'stylish'),
    taxonomy: taxonomyFlag,
    rules: Flags.string({ description: 'Folder of extra rule packs (*.yaml); repeatable. A pack with a bundled name replaces it.', multiple: true }),
    staged: Flags.boolean({ description: 'Lint only files staged in git, as staged.', exclusive: ['changed'] }),
    changed: Flags.boolean({ description: 'Lint only files changed against --base (default HEAD), untracked ones included.' }),
    base: Flags.string({ description: 'Git ref for --changed: files changed since the merge base with this ref.', dependsOn: ['changed'] }),
    baseline: Flags.string({ description: 'Baseline file: findings it lists are not reported.' }),
    // No oclif `dependsOn`: its raw "The following error occurred" would replace attrib's own message.
    'update-baseline': Flags.boolean({ description: 'Write every current finding to --baseline FILE and exit 0.' }),
    rule: Flags.string({ description: 'Set a rule to error, warning or off (ID=SETTING, e.g. unresolved-inheritance=error); repeatable; overrides lint.rules in attrib.yaml.', multiple: true }),
    'max-warnings': Flags.integer({ description: 'Exit 1 when there are more warnings than this.', min: 0 }),
    quiet: Flags.boolean({ char: 'q', description: 'Report errors only (warnings still count for --max-warnings).', default: false }),
    'list-packs': Flags.boolean({ description: 'Print what the rule packs cover (modules, clients, calls, carriers, SDK versions checked) and exit 0; --format stylish (a table) or json.' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Lint);
    const paths = argv as string[];
    const cwd = process.cwd();
    if (flags['list-packs']) return this.listPacks(paths, flags.format, flags.rules ?? [], cwd, flags.color);
    // A bad --rule is a usage error before any work is done.
    const rules = (flags.rule ?? []).map(parseRuleFlag);
    const { loadTaxonomy } = await import('../taxonomy/index.js');
    const { lint } = await import('../lint/index.js');
    const taxonomy = await loadTaxonomy({ cwd, ...(flags.taxonomy === undefined ? {} : { path: flags.taxonomy }), searchFrom: paths.filter((p) => !/[*?[{]/.test(p)) });
    const result = await lint({
      cwd,
      paths,
      taxonomy,
      rulePackDirs: flags.rules ?? [],
      staged: flags.staged ?? false,
      changed: flags.changed ?? false,
      ...(flags.base === undefined ? {} : { base: flags.base }),
      ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
      updateBaseline: flags['update-baseline'] ?? false,
      rules,
    });
    if (result.summary.files === 0 && !flags.staged && !flags.changed) {
      throw new ConfigError('no source files to lint', 'Pass files, folders or globs, or run attrib lint in a project folder.');
    }
    for (const warning of result.warnings) this.writeErr(`attrib: warning: ${sanitizeInline(warning)}`);
    const shown = flags.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error') } : result;
    const tooManyWarnings = flags['max-warnings'] !== undefined && result.summary.warnings > flags['max-warnings'];
    const formatter = await lintFormats[flags.format]();
    const options: LintFormatOptions = {
      color: this.useColor(flags.color),
      cwd,
      ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
      // Code frames only for a person at a terminal; piped output stays one line per finding.
      ...(process.stdout.isTTY ? { readSource: (file: string) => readSourceOrUndefined(path.resolve(cwd, file)) } : {}),
      // CI systems resolve paths against the checkout root, not the folder attrib ran in.
      srcRoot: findRepoRoot(cwd) ?? cwd,
      warningsFail: tooManyWarnings,
    };
    this.writeOut(formatter(shown, options));
    if (flags['update-baseline']) {
      this.writeErr(`attrib: wrote ${result.summary.baselined} finding${result.summary.baselined === 1 ? '' : 's'} to ${flags.baseline}`);
    }
    // eslint's wording: otherwise exit 1 on a run that printed only warnings would be unexplained.
    if (tooManyWarnings) this.writeErr(`attrib: too many warnings (maximum: ${flags['max-warnings']})`);
    process.exitCode = result.summary.errors > 0 || tooManyWarnings ? 1 : 0;
  }

  private async listPacks(paths: readonly string[], format: string, rules: readonly string[], cwd: string, color: boolean | undefined): Promise<void> {
    const problem = listPacksUsage(paths, format);
    if (problem) throw new ConfigError(problem, 'Run `attrib lint --list-packs` or `attrib lint --list-packs --format json`.');
    const { loadRulePacks, describePacks } = await import('../lint/index.js');
    const formatter = await packListFormats[format as keyof typeof packListFormats]();
    this.writeOut(formatter(describePacks(loadRulePacks(rules, cwd)), { color: this.useColor(color), cwd }));
    process.exitCode = 0;
  }
}

function listPacksUsage(paths: readonly string[], format: string): string | undefined {
  if (paths.length > 0) return '--list-packs takes no paths';
  if (!(format in packListFormats)) return `--list-packs prints --format stylish or json, not ${format}`;
  return undefined;
}

function readSourceOrUndefined(file: string): string | undefined {
  try {
    return readRegularFileSync(file).toString('utf8');
  } catch {
    return undefined;
  }
}
