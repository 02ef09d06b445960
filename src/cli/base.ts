import { Command, Flags, Errors } from '@oclif/core';
import { ConfigError } from '../util/errors.js';
import { sanitizeForTerminal } from '../util/terminal.js';
import type { WriteOutputOptions } from '../util/write-output.js';

/**
 * Shared behaviour of every attrib command: the `--color/--no-color` convention, stdout for data and
 * stderr for messages, `process.exitCode` instead of `process.exit()`, and ConfigError -> exit 2.
 */
export abstract class AttribCommand extends Command {
  static override baseFlags = {
    color: Flags.boolean({
      description: 'Colour the output. Default: on when stdout is a TTY and NO_COLOR is not set.',
      allowNo: true,
      helpGroup: 'GLOBAL',
    }),
  };

  /** Decide colour once: --no-color / --color win, then NO_COLOR, then FORCE_COLOR, then the TTY. */
  protected useColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
    if (flag !== undefined) return flag;
    const env = process.env;
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
    return Boolean(stream.isTTY);
  }

  /** Data goes to stdout, untouched (formatters are responsible for escaping). */
  protected writeOut(text: string): void {
    if (text.length === 0) return;
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Messages go to stderr. */
  protected writeErr(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /**
   * Output to stdout, or with `--out FILE` to that file through the one safe writer (never over one of
   * the run's inputs, written whole or not at all), saying so on stderr.
   */
  protected async emit(text: string, out: string | undefined, inputs: WriteOutputOptions['inputs'] = []): Promise<void> {
    if (out === undefined) {
      this.writeOut(text);
      return;
    }
    const { writeOutput } = await import('../util/write-output.js');
    await writeOutput(out, text.endsWith('\n') ? text : `${text}\n`, { cwd: process.cwd(), what: '--out file', inputs });
    this.writeErr(`attrib: wrote ${sanitizeForTerminal(out)}`);
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (err instanceof ConfigError) {
      this.writeErr(`attrib: ${sanitizeForTerminal(err.message)}`);
      if (err.hint) this.writeErr(`  ${sanitizeForTerminal(err.hint)}`);
      process.exitCode = 2;
      return;
    }
    // Bad flags and arguments are usage errors: exit 2, like eslint.
    if (err instanceof Errors.CLIError && (err.oclif?.exit === undefined || err.oclif.exit === 2)) {
      this.writeErr(`attrib: ${sanitizeForTerminal(err.message)}`);
      process.exitCode = 2;
      return;
    }
    if (err instanceof Errors.CLIError || err instanceof Errors.ExitError) return super.catch(err);
    // Anything else is a bug in attrib: exit 2 like eslint's internal errors, never 1 (which means
    // "findings" to a CI gate), with the stack only on request.
    this.writeErr(`attrib: internal error: ${sanitizeForTerminal(err.message)}`);
    this.writeErr('  This is a bug in attrib. Please report it with the command you ran; set ATTRIB_DEBUG=1 for the stack.');
    if (process.env.ATTRIB_DEBUG) this.writeErr(sanitizeForTerminal(err.stack ?? ''));
    process.exitCode = 2;
  }
}
