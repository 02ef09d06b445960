/** Data loss 6 (issue 10): a symlink loop in a linted tree must not lint a file twice. */
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { TEST_TAXONOMY, writeProject } from '../lint/rule-tester.js';

const CALL = `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ metadata: { tenant: 'ws_1' } });\n`;

describe('symlinks in the linted tree', () => {
  it('a loop (src/loop -> .) lints each real file once, under its real path', async () => {
    const cwd = writeProject({ 'src/a.ts': CALL, 'src/sub/b.ts': CALL });
    symlinkSync('.', path.join(cwd, 'src/loop'));
    const result = await lint({ cwd, taxonomy: TEST_TAXONOMY });
    // Two files, one call each, each missing `feature` (and so `team`): one finding per file.
    expect(result.summary.files).toBe(2);
    expect(result.findings.map((f) => f.file)).toEqual(['src/a.ts', 'src/sub/b.ts']);
    const named = await lint({ cwd, taxonomy: TEST_TAXONOMY, paths: ['src', 'src/loop/a.ts'] });
    expect(named.findings.map((f) => f.file)).toEqual(['src/a.ts', 'src/sub/b.ts']);
  });

  it('a linked folder is linted once, and a file reached only through a link keeps its linked path', async () => {
    const cwd = writeProject({ 'lib/c.ts': CALL, 'src/a.ts': CALL });
    symlinkSync(path.join(cwd, 'lib'), path.join(cwd, 'src/lib'));
    const result = await lint({ cwd, taxonomy: TEST_TAXONOMY, paths: ['src'] });
    expect(result.findings.map((f) => f.file)).toEqual(['src/a.ts', 'src/lib/c.ts']);
    const both = await lint({ cwd, taxonomy: TEST_TAXONOMY, paths: ['src', 'lib'] });
    expect(both.findings.map((f) => f.file)).toEqual(['lib/c.ts', 'src/a.ts']);
  });
});
