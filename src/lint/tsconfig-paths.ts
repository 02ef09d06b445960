/**
 * How a file's non-relative imports resolve to project files: `compilerOptions.paths` and `baseUrl`
 * of the tsconfig.json nearest to that file, as tsc and editors read it. In a repository of several
 * projects (`backend/tsconfig.json` with `baseUrl: ./src`, `frontend/tsconfig.json` with `@/*`), each
 * file gets its own project's mapping, not the one of the folder lint was started in.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ts } from './ts.js';
import { displayPath } from '../util/paths.js';
import { UnreadableFile, readRegularFileSync } from '../util/read-user-file.js';

/** A tsconfig.json (or a file it extends) larger than this is refused: it is no configuration. */
const MAX_TSCONFIG_BYTES = 4 * 1024 * 1024;

/**
 * A host for reading a tsconfig and every file it `extends` through the safe reader: one can be a link
 * to /dev/zero or a FIFO in a hostile repository. A missing file is `undefined` (TypeScript reports it);
 * any other failure goes to `unreadable`, which throws or returns what to use instead.
 */
export function tsconfigHost(readDirectory: ts.ParseConfigHost['readDirectory'], unreadable: (name: string, error: unknown) => string | undefined): ts.ParseConfigHost {
  return {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory,
    fileExists: ts.sys.fileExists,
    readFile: (name) => {
      try {
        return readRegularFileSync(name, MAX_TSCONFIG_BYTES).toString('utf8');
      } catch (error) {
        return error instanceof UnreadableFile && error.reason === 'not-found' ? undefined : unreadable(name, error);
      }
    },
  };
}

/** `paths` (resolved against `base`) and `baseUrl` of one tsconfig, for resolving non-relative imports. */
export interface PathMapping {
  base: string;
  paths: ReadonlyMap<string, readonly string[]>;
  /** Absolute `baseUrl`: a bare specifier (`tools.js`) is looked up under it first, as tsc does. */
  baseUrl?: string;
}

/** The mapping of each folder's nearest tsconfig.json, read once per tsconfig. */
export class TsconfigPaths {
  private readonly byFolder = new Map<string, PathMapping | undefined>();
  private readonly byConfig = new Map<string, PathMapping | undefined>();

  constructor(
    private readonly cwd: string,
    /** Where a tsconfig that cannot be read is reported (lint's warnings). */
    private readonly warnings: string[],
  ) {}

  /** The mapping for imports written in `file` (absolute), or undefined when no tsconfig maps anything. */
  mappingFor(file: string): PathMapping | undefined {
    return this.forFolder(path.dirname(file));
  }

  private forFolder(folder: string): PathMapping | undefined {
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    const config = path.join(folder, 'tsconfig.json');
    const parent = path.dirname(folder);
    const mapping = existsSync(config) ? this.read(config) : parent === folder ? undefined : this.forFolder(parent);
    this.byFolder.set(folder, mapping);
    return mapping;
  }

  private read(config: string): PathMapping | undefined {
    if (this.byConfig.has(config)) return this.byConfig.get(config);
    const mapping = this.parse(config);
    this.byConfig.set(config, mapping);
    return mapping;
  }

  private parse(config: string): PathMapping | undefined {
    const dir = path.dirname(config);
    let problem: string | undefined;
    // No folder is walked: only options are wanted.
    const host = tsconfigHost(() => [], (name, error) => {
      problem ??= `${displayPath(name, this.cwd)} ${error instanceof UnreadableFile ? error.problem : String(error)}`;
      return undefined;
    });
    let options: ts.CompilerOptions = {};
    try {
      const read = ts.readConfigFile(config, host.readFile);
      if (read.error) problem ??= ts.flattenDiagnosticMessageText(read.error.messageText, ' ');
      else options = ts.parseJsonConfigFileContent(read.config, host, dir, undefined, config).options;
    } catch (error) {
      // TypeScript's JSON reader recurses once per nesting level: `[[[[...]]]]` overflows the stack.
      problem ??= error instanceof RangeError ? 'nested too deeply to be a tsconfig.json' : String(error);
    }
    if (problem !== undefined) {
      this.warnings.push(`${displayPath(config, this.cwd)}: ${problem}: imports of its files are resolved without its paths and baseUrl`);
    }
    const baseUrl = options.baseUrl === undefined ? undefined : path.resolve(dir, options.baseUrl);
    if (!options.paths && baseUrl === undefined) return undefined;
    // Without a baseUrl, `paths` are relative to the tsconfig that sets them (an extended one, maybe).
    const pathsBase = (options as { pathsBasePath?: string }).pathsBasePath ?? dir;
    return { base: baseUrl ?? pathsBase, paths: new Map(Object.entries(options.paths ?? {})), ...(baseUrl === undefined ? {} : { baseUrl }) };
  }
}
