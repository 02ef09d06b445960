import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { ConfigError } from '../../src/util/errors.js';
import { TEST_TAXONOMY, writeProject } from './rule-tester.js';

const UNTAGGED = `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({});\n`;
const TAGGED = `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ metadata: { feature: 'inbox-triage', tenant: 'ws_1' } });\n`;

const linted = async (cwd: string, options: { paths?: string[]; staged?: boolean; changed?: boolean; base?: string } = {}) =>
  (await lint({ cwd, taxonomy: TEST_TAXONOMY, ...options })).findings.map((f) => f.file);

function git(cwd: string, ...args: string[]) {
  execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
}

describe('file selection', () => {
  it('defaults to the working directory, skipping node_modules, dist, .d.ts and .gitignore', async () => {
    const cwd = writeProject({
      '.gitignore': 'generated/\n',
      'a.ts': UNTAGGED,
      'lib/b.mjs': UNTAGGED,
      'node_modules/x/index.js': UNTAGGED,
      'dist/index.js': UNTAGGED,
      'types.d.ts': UNTAGGED,
      'generated/c.ts': UNTAGGED,
      'README.md': 'openai',
    });
    expect(await linted(cwd)).toEqual(['a.ts', 'lib/b.mjs']);
  });

  it('searches source dot folders (Remix app/.server) but not the dot folders of tools', async () => {
    const cwd = writeProject({
      'app/.server/llm.ts': UNTAGGED,
      '.github/scripts/triage.mjs': UNTAGGED,
      '.git/hooks/x.js': UNTAGGED,
      '.next/server/page.js': UNTAGGED,
      '.yarn/releases/yarn.cjs': UNTAGGED,
      'app/.turbo/cache.js': UNTAGGED,
    });
    expect(await linted(cwd)).toEqual(['.github/scripts/triage.mjs', 'app/.server/llm.ts']);
    expect(await linted(cwd, { paths: ['app'] })).toEqual(['app/.server/llm.ts']);
    expect(await linted(cwd, { paths: ['app/**/*.ts'] })).toEqual(['app/.server/llm.ts']);
  });

  it('defaults to the tsconfig project when there is one', async () => {
    const cwd = writeProject({ 'tsconfig.json': '{ "include": ["src"] }', 'src/a.ts': UNTAGGED, 'scripts/b.ts': UNTAGGED });
    expect(await linted(cwd)).toEqual(['src/a.ts']);
  });

  it('takes files, folders and globs', async () => {
    const cwd = writeProject({ 'a.ts': UNTAGGED, 'src/b.ts': UNTAGGED, 'src/deep/c.js': UNTAGGED, 'other/d.cts': UNTAGGED });
    expect(await linted(cwd, { paths: ['a.ts', 'src'] })).toEqual(['a.ts', 'src/b.ts', 'src/deep/c.js']);
    expect(await linted(cwd, { paths: ['**/*.{js,cts}'] })).toEqual(['other/d.cts', 'src/deep/c.js']);
  });

  it('a missing path, an empty glob or a non-source file is a configuration error', async () => {
    const cwd = writeProject({ 'a.ts': UNTAGGED, 'notes.md': '' });
    await expect(linted(cwd, { paths: ['nope.ts'] })).rejects.toThrow(ConfigError);
    await expect(linted(cwd, { paths: ['src/**/*.ts'] })).rejects.toThrow(/no source files match/);
    await expect(linted(cwd, { paths: ['notes.md'] })).rejects.toThrow(/not a JavaScript or TypeScript source file/);
  });
});

describe('git modes', () => {
  it('--staged lints the staged content of staged files only', async () => {
    const cwd = writeProject({ 'src/a.ts': TAGGED, 'src/b.ts': TAGGED, 'src/c.ts': TAGGED });
    git(cwd, 'init', '-q');
    git(cwd, 'add', '.');
    git(cwd, 'commit', '-qm', 'init');
    writeFileSync(path.join(cwd, 'src/a.ts'), UNTAGGED);
    git(cwd, 'add', 'src/a.ts');
    // Staged a.ts is untagged, but the work tree copy is fixed and not staged: the staged one counts.
    writeFileSync(path.join(cwd, 'src/a.ts'), TAGGED);
    // b.ts is broken only in the work tree: not staged, not linted.
    writeFileSync(path.join(cwd, 'src/b.ts'), UNTAGGED);
    expect(await linted(cwd, { staged: true })).toEqual(['src/a.ts']);
    const result = await lint({ cwd, taxonomy: TEST_TAXONOMY, staged: true });
    expect(result.summary.files).toBe(1);
    // Narrowed by paths.
    expect(await linted(cwd, { staged: true, paths: ['lib'] })).toEqual([]);
  });

  it('--staged skips a staged submodule entry (a gitlink) even when it is named like a source file, and follows a staged rename', async () => {
    const cwd = writeProject({ 'src/a.ts': TAGGED });
    git(cwd, 'init', '-q');
    git(cwd, 'add', '.');
    git(cwd, 'commit', '-qm', 'init');
    // A gitlink points at a commit: `git show :vendor/x.ts` would fail with "bad object".
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    git(cwd, 'update-index', '--add', '--cacheinfo', `160000,${head},vendor/x.ts`);
    git(cwd, 'mv', 'src/a.ts', 'src/renamed.ts');
    writeFileSync(path.join(cwd, 'src/renamed.ts'), UNTAGGED);
    git(cwd, 'add', 'src/renamed.ts');
    expect(await linted(cwd, { staged: true })).toEqual(['src/renamed.ts']);
  });

  it('--changed lints modified and untracked files since HEAD, or since the merge base of --base', async () => {
    const cwd = writeProject({ 'src/a.ts': UNTAGGED, 'src/b.ts': UNTAGGED });
    git(cwd, 'init', '-q', '-b', 'main');
    git(cwd, 'add', '.');
    git(cwd, 'commit', '-qm', 'init');
    expect(await linted(cwd, { changed: true })).toEqual([]);
    git(cwd, 'checkout', '-qb', 'feature');
    writeFileSync(path.join(cwd, 'src/c.ts'), UNTAGGED);
    git(cwd, 'add', 'src/c.ts');
    git(cwd, 'commit', '-qm', 'c');
    writeFileSync(path.join(cwd, 'src/d.ts'), UNTAGGED);
    writeFileSync(path.join(cwd, 'src/a.ts'), `${UNTAGGED}// edited\n`);
    expect(await linted(cwd, { changed: true })).toEqual(['src/a.ts', 'src/d.ts']);
    expect(await linted(cwd, { changed: true, base: 'main' })).toEqual(['src/a.ts', 'src/c.ts', 'src/d.ts']);
  });

  it('outside a git repository, --staged is a configuration error', async () => {
    const cwd = writeProject({ 'a.ts': UNTAGGED });
    await expect(linted(cwd, { staged: true })).rejects.toThrow(/--staged needs git/);
  });
});
