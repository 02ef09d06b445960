import path from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';

/**
 * Absolute paths matching `pattern` relative to `cwd`. The pattern's static prefix (`../logs` in
 * `../logs/**\/*.jsonl`) becomes the folder searched: tinyglobby, given a pattern that climbs above
 * its cwd, skips files under the cwd itself (`../**\/*.ts` run from `src/sub` misses `src/sub/b.ts`).
 */
export async function globFrom(cwd: string, pattern: string, options: { ignore?: readonly string[]; dot?: boolean } = {}): Promise<string[]> {
  const { base, glob: rest } = picomatch.scan(pattern);
  const root = path.resolve(cwd, base);
  return glob(rest === '' ? '**' : rest, { cwd: root, absolute: true, dot: options.dot ?? false, ignore: [...(options.ignore ?? [])] });
}
