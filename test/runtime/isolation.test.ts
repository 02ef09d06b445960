/**
 * `attrib/runtime` must stay light: importing it (the built package, in a fresh process) loads
 * none of the CLI's dependencies nor any SDK. Needs dist/ (npm test builds it first).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

describe('attrib/runtime', () => {
  it('loads no CLI, ts-morph, oclif, chalk, SDK or OpenTelemetry module', () => {
    const script = [
      "const rt = await import('attrib/runtime');",
      "const { createRequire } = await import('node:module');",
      "console.log(JSON.stringify({ exports: Object.keys(rt).sort(), cache: Object.keys(createRequire(import.meta.url).cache) }));",
    ].join('\n');
    // NODE_DEBUG=module logs every CommonJS load on stderr; ESM loads show in the cache check below.
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'module' } });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { exports: string[]; cache: string[] };
    expect(out.exports).toEqual(expect.arrayContaining(['withAttribution', 'instrument', 'tool', 'attribMiddleware', 'requireAttribution', 'jsonlSink', 'otelSink']));
    const forbidden = /ts-morph|typescript|@oclif|oclif|chalk|cli-table3|yaml|openai|anthropic|@opentelemetry|@langchain|node_modules\/ai\//;
    expect(out.cache.filter((f) => forbidden.test(f))).toEqual([]);
    expect(run.stderr.split('\n').filter((l) => /^MODULE/.test(l) && forbidden.test(l))).toEqual([]);
  });

  it('imports nothing outside src/runtime (checked on the built files, ESM included)', () => {
    const script = [
      "const { readdirSync, readFileSync } = await import('node:fs');",
      "const files = readdirSync('dist/runtime', { recursive: true }).filter((f) => f.endsWith('.js'));",
      "const specs = files.flatMap((f) => [...readFileSync('dist/runtime/' + f, 'utf8').matchAll(/(?:from|import\\()\\s*'([^']+)'/g)].map((m) => f + ' ' + m[1]));",
      'console.log(JSON.stringify(specs));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    const specs = JSON.parse(run.stdout) as string[];
    const outside = specs.filter((s) => {
      const [file, spec] = s.split(' ') as [string, string];
      if (spec.startsWith('node:')) return false;
      if (spec.startsWith('./') || spec.startsWith('../')) return spec.startsWith('../../');
      // Only the optional peers, each loaded only by its own module.
      return !((file === 'sinks/otel.js' && spec === '@opentelemetry/api') || (file === 'langchain.js' && spec.startsWith('@langchain/core/')));
    });
    expect(specs.length).toBeGreaterThan(10);
    expect(outside).toEqual([]);
  });
});
