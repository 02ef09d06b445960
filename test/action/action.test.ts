/**
 * The GitHub Action's own steps, run here as the runner would run them (its scripts with the
 * runner's environment files), without GitHub: action.yml is consistent, lint.sh writes SARIF and
 * annotations, report.sh writes the markdown and the summary, sticky-comment.mjs creates one comment
 * and then updates it in place (against a local stand-in for the GitHub REST API).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { MARKER, MAX_BODY, commentBody, upsertComment } from '../../action/sticky-comment.mjs';

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: { run?: string; uses?: string; if?: string; env?: Record<string, string> }[] };
}
const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as Action;

/** Run one of the action's scripts with the runner's files (GITHUB_OUTPUT...) and `attrib` on PATH. */
function runStep(script: string, cwd: string, env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'attrib-action-'));
  const bin = path.join(dir, 'bin');
  spawnSync('mkdir', [bin]);
  writeFileSync(path.join(bin, 'attrib'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'bin/run.js')}" "$@"\n`);
  chmodSync(path.join(bin, 'attrib'), 0o755);
  const files = { GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary'), RUNNER_TEMP: dir };
  writeFileSync(files.GITHUB_OUTPUT, '');
  const run = spawnSync('bash', [path.join(repoRoot, 'action', script)], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}`, GITHUB_ACTION_PATH: repoRoot, ...files, ...env },
  });
  const outputs = Object.fromEntries(readFileSync(files.GITHUB_OUTPUT, 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)));
  return { ...run, outputs, summary: existsSync(files.GITHUB_STEP_SUMMARY) ? readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') : '' };
}

describe('action.yml', () => {
  it('is a composite action whose scripts exist and whose expressions name declared inputs', () => {
    expect(action.runs.using).toBe('composite');
    const text = readFileSync(path.join(repoRoot, 'action.yml'), 'utf8');
    for (const [, script] of text.matchAll(/\$GITHUB_ACTION_PATH\/(action\/[\w.-]+)/g)) expect(existsSync(path.join(repoRoot, script!)), script).toBe(true);
    for (const [, name] of text.matchAll(/inputs\.([\w-]+)/g)) expect(action.inputs, name).toHaveProperty([name!]);
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });
});

describe('action scripts', () => {
  it('lint.sh: SARIF to a file, annotations on stdout, exit 1 as the status output', () => {
    const run = runStep('lint.sh', path.join(repoRoot, 'fixtures'), { ATTRIB_PATHS: 'agent-app', ATTRIB_ANNOTATIONS: 'true' });
    expect(run.status).toBe(0); // the step itself succeeds: the last step fails the job, after the upload
    expect(run.outputs.status).toBe('1');
    const sarif = JSON.parse(readFileSync(run.outputs.sarif!, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBeGreaterThan(0);
    // Repository-relative although the step ran in fixtures/.
    expect(uris.every((uri) => uri.startsWith('fixtures/agent-app/'))).toBe(true);
    expect(run.stdout).toMatch(/^::error file=fixtures\/agent-app\//m);
  });

  it('lint.sh: a configuration error fails the step and skips the annotations', () => {
    const run = runStep('lint.sh', path.join(repoRoot, 'fixtures'), { ATTRIB_PATHS: 'agent-app', ATTRIB_TAXONOMY: 'missing.yaml' });
    expect(run.status).not.toBe(0);
    expect(run.outputs.status).toBe('2');
    expect(run.stdout).toBe('');
  });

  it('report.sh: markdown for the comment and the run summary, a tripped gate as status 1', () => {
    const run = runStep('report.sh', path.join(repoRoot, 'fixtures'), { ATTRIB_REPORT_PATHS: 'taxonomy', ATTRIB_FAIL_ON: 'hard-cap,global-cap' });
    expect(run.status).toBe(0);
    expect(run.outputs.status).toBe('1');
    const markdown = readFileSync(run.outputs.markdown!, 'utf8');
    expect(markdown).toMatch(/^## attrib report: 2026-10-01 to 2026-10-31/);
    expect(run.summary).toBe(markdown);
    expect(run.stderr).toContain('gate hard-cap tripped: team legal');
  });
});

describe('sticky-comment.mjs', () => {
  /** A stand-in for the three GitHub REST endpoints the script uses, with 150 comments by others over two pages. */
  async function fakeGitHub() {
    const comments: { id: number; body: string }[] = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `comment ${i + 1}` }));
    const calls: string[] = [];
    const body = async (req: IncomingMessage) => JSON.parse(await new Promise<string>((resolve) => { let s = ''; req.on('data', (c) => (s += c)); req.on('end', () => resolve(s)); })) as { body: string };
    const server = createServer(async (req, res) => {
      const url = new URL(req.url!, 'http://x');
      calls.push(`${req.method} ${url.pathname}${url.search}`);
      expect(req.headers.authorization).toBe('Bearer t0ken');
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && url.pathname === '/repos/acme/app/issues/7/comments') {
        const page = Number(url.searchParams.get('page'));
        if (page === 1) res.setHeader('link', '<http://x/repos/acme/app/issues/7/comments?page=2>; rel="next"');
        res.end(JSON.stringify(comments.slice((page - 1) * 100, page * 100)));
      } else if (req.method === 'POST' && url.pathname === '/repos/acme/app/issues/7/comments') {
        const comment = { id: 1000 + comments.length, body: (await body(req)).body };
        comments.push(comment);
        res.end(JSON.stringify(comment));
      } else if (req.method === 'PATCH' && url.pathname.startsWith('/repos/acme/app/issues/comments/')) {
        const comment = comments.find((c) => c.id === Number(url.pathname.split('/').pop()))!;
        comment.body = (await body(req)).body;
        res.end(JSON.stringify(comment));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { api: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, comments, calls, close: () => server.close() };
  }

  it('creates the comment once, then updates that same comment in place', async () => {
    const gh = await fakeGitHub();
    try {
      const target = { api: gh.api, token: 't0ken', repository: 'acme/app', issue: 7 };
      const first = await upsertComment({ ...target, body: commentBody('## attrib report: first push') });
      expect(first.action).toBe('created');
      const second = await upsertComment({ ...target, body: commentBody('## attrib report: second push') });
      expect(second).toEqual({ action: 'updated', id: first.id });
      const ours = gh.comments.filter((c) => c.body.startsWith(MARKER));
      expect(ours).toHaveLength(1);
      expect(ours[0]!.body).toBe(`${MARKER}\n## attrib report: second push\n`);
      // Both pages were searched before the first comment was created.
      expect(gh.calls.slice(0, 3)).toEqual([
        'GET /repos/acme/app/issues/7/comments?per_page=100&page=1',
        'GET /repos/acme/app/issues/7/comments?per_page=100&page=2',
        'POST /repos/acme/app/issues/7/comments',
      ]);
    } finally {
      gh.close();
    }
  });

  it('keeps the body under GitHub’s comment limit, cut at a line, and says so', () => {
    const huge = Array.from({ length: 5000 }, (_, i) => `| tenant-${i} | $1.00 |`).join('\n');
    const body = commentBody(huge);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain("attrib cut this comment at GitHub's size limit");
    expect(body.split('\n').slice(1, -3).every((line) => /^\| tenant-\d+ \| \$1\.00 \|$/.test(line))).toBe(true);
  });
});
