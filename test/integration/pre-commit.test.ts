/**
 * The pre-commit framework installs the hook from this repository (`repo:` at a commit, as users
 * configure it) and the hook blocks a commit that adds an untagged model call. This is the path that
 * broke when `prepare`'s output reached `npm pack`'s stdout (pre-commit #3460 / #3259): pre-commit
 * reads the tarball name from that stdout. Uses Debian's `pre-commit` (npm test's pretest installs it).
 * Slow by nature (2 minutes on a loaded machine): pre-commit runs `npm install` with every dev
 * dependency of this repository, the pinned SDKs included, before it packs the hook.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { initRepository, scratch, sh, snapshotRepository } from './scratch.js';

const UNTAGGED = `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
`;

describe('pre-commit framework', () => {
  it('installs attrib-lint from the repository and blocks a commit with an untagged call', { timeout: 900_000 }, () => {
    expect(sh('pre-commit', ['--version'], repoRoot).code, 'pre-commit is missing: npm test runs scripts/ensure-test-tools.sh first').toBe(0);
    const { dir: source, rev } = snapshotRepository();
    const project = scratch('precommit');
    initRepository(project);
    writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${source}\n    rev: ${rev}\n    hooks: [{ id: attrib-lint }]\n`);
    copyFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), path.join(project, 'attrib.yaml'));
    const env = { PRE_COMMIT_HOME: path.join(project, '.pre-commit-home') };
    writeFileSync(path.join(project, '.gitignore'), '.pre-commit-home/\n');

    const install = sh('pre-commit', ['install', '--install-hooks'], project, env);
    expect(install.stderr + install.stdout).not.toContain('ENOENT');
    expect(install.code, install.stdout + install.stderr).toBe(0);

    mkdirSync(path.join(project, 'src'));
    writeFileSync(path.join(project, 'src/ask.mts'), UNTAGGED);
    sh('git', ['add', '-A'], project);
    const blocked = sh('git', ['commit', '-m', 'add an untagged call'], project, env);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('missing-tags');
    expect(blocked.stdout + blocked.stderr).toContain('src/ask.mts');
    expect(sh('git', ['rev-list', '--all', '--count'], project).stdout.trim()).toBe('0');

    // Tagging the call (every required tag, values from the fixture taxonomy) lets the commit through.
    const tagged = UNTAGGED.replace(
      "messages: [] }",
      "messages: [], metadata: { feature: 'inbox-triage', team: 'mail', workload_class: 'interactive', tenant: 'ws_acme', environment: 'production', parent_run_id: 'r-1' } }",
    );
    writeFileSync(path.join(project, 'src/ask.mts'), tagged);
    sh('git', ['add', '-A'], project);
    const passed = sh('git', ['commit', '-m', 'tag the call'], project, env);
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
  });
});
