/**
 * `npm run fuzz`: a seeded, bounded fuzz campaign over attrib's inputs (log lines of every format
 * and container, gzip, taxonomy, pricing, invoices, --since/--until; for lint: source trees of
 * hostile files, rule packs, baselines, paths) and its outputs (hostile tag values through every
 * report format) through the built library (dist/; `npm run build` first). Each case is classified:
 *   crash      an error that is not a ConfigError (an internal error, exit 2 "this is a bug")
 *   hang       a case over HANG_MS
 *   data-loss  a report whose steps plus skipped lines do not account for every record line
 *   wrong-exit a ConfigError for log content (bad log data must be a skipped line, not exit 2)
 *   unsafe     a hostile tag value reached an output raw (an unseen character in table or markdown
 *              text, a formula cell in CSV, a mention or link outside code in markdown, markup in HTML)
 * Prints one summary line; exits 1 when any case failed. Usage: node scripts/fuzz/run.mjs [seed] [cases]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { mkdirSync, symlinkSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { ConfigError, analyze, lint, parseInvoiceFile, parsePricing, parseTaxonomy } from '../../dist/index.js';
import { csv, html, markdown, table } from '../../dist/formats/public.js';
import { prng } from '../prng.js';

const seed = Number(process.argv[2] ?? 1);
const cases = Number(process.argv[3] ?? 300);
const HANG_MS = 5000;
const random = prng(seed);
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const int = (n) => Math.floor(random() * n);

const HOSTILE = ['', 'NaN', '1e20', '-1', '8.64e15', '12345678901234567890123456', '"\u202e"', '"__proto__"', '"constructor"', '[[[[[[[[]]]]]]]]', '{"a":', '"' + 'x'.repeat(5000) + '"', 'null', 'true', '"2026-02-30"', '"0099-01-01T00:00:00Z"', '{}', '[]'];
const value = () => (random() < 0.5 ? pick(HOSTILE) : JSON.stringify(pick(['2026-10-03T12:00:00Z', 'gpt-4o-mini', 'model', 0.5, 10, 'ws_acme'])));
const FIELDS = ['ts', 'step_id', 'parent_step_id', 'kind', 'model', 'input_tokens', 'output_tokens', 'cost_usd', 'tags', 'startTime', 'spend', 'request_id', 'call_type', 'resourceSpans'];
const record = () => {
  const base = { ts: '2026-10-03T12:00:00.000Z', step_id: `s${int(50)}`, kind: 'model', model: 'gpt-4o-mini', cost_usd: 0.001 };
  let text = JSON.stringify(base);
  for (let k = int(3); k > 0; k--) text = text.replace(/}$/, `,"${pick(FIELDS)}":${value()}}`);
  if (random() < 0.1) text = text.slice(0, int(text.length));
  return text;
};
const container = (lines) => {
  switch (int(5)) {
    case 0: return ['a.jsonl', lines.join('\n')];
    case 1: return ['a.json', `[${lines.join(',')}${random() < 0.3 ? ',' : ''}]`];
    case 2: return ['a.log', lines.join('\n')];
    case 3: return ['a.jsonl.gz', Buffer.concat([gzipSync(lines.join('\n')), random() < 0.5 ? Buffer.from('trailing') : Buffer.alloc(0)])];
    default: return ['a.csv', `ts,step_id,kind,model,cost_usd,tags.tenant\n${lines.map((_, i) => `2026-10-03T12:00:00Z,c${i},model,gpt-4o-mini,0.001,${pick(['x', '"open', '"a,b"', '=cmd', ''])}`).join('\n')}`];
  }
};
const freeTenants = parseTaxonomy(readFileSync(new URL('../../fixtures/attrib.yaml', import.meta.url), 'utf8').replace(/^    pattern: .*\n/m, ''), 'attrib.yaml').taxonomy;
const taxonomy = parseTaxonomy(readFileSync(new URL('../../fixtures/attrib.yaml', import.meta.url), 'utf8'), 'attrib.yaml').taxonomy;

const failures = { crash: 0, hang: 0, 'data-loss': 0, 'wrong-exit': 0, unsafe: 0 };
const examples = [];
const fail = (kind, what) => {
  failures[kind]++;
  if (examples.length < 5) examples.push(`${kind}: ${what}`);
};
const dir = mkdtempSync(path.join(tmpdir(), 'attrib-fuzz-'));

/** Pieces of injections: each means something to some output medium. */
const ATTACKS = ['\u202e', '\ufeff', '\u200b', '\u001b[31m', '\u0007', '\r', '\n', '@octocat', '@org/team', 'https://x.io', 'www.x.io', '#12', '=cmd|', '+1', '-1', '<script>', '"><b>', ']]>', '|', '`', '\\', '&amp;', 'ws'];
const hostileValue = () => Array.from({ length: 1 + int(4) }, () => (random() < 0.8 ? pick(ATTACKS) : String.fromCodePoint(int(0x30000)))).join('') || 'x';
const UNSEEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;
const unseen = (text, keep) => [...text].some((ch) => UNSEEN.test(ch) && !keep.includes(ch));
/** Markdown outside code spans, backslash escapes removed: what GitHub scans for mentions and links. */
function outsideCode(line) {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++; // an escape outside code; inside a code span a backslash is literal
    else if (line[i] === '`') i = line.indexOf('`', i + 1) === -1 ? line.length : line.indexOf('`', i + 1);
    else out += line[i];
  }
  return out;
}

/** Hostile tenant, model and tool values through the report formats a person reads. */
async function unsafeCase() {
  const values = [hostileValue(), hostileValue(), hostileValue()];
  const lines = values.map((v, i) => JSON.stringify({ ts: '2026-10-03T12:00:00.000Z', step_id: `u${i}`, kind: i === 2 ? 'tool' : 'model', model: v, tool: v, cost_usd: 0.01, tags: { feature: 'inbox-triage', tenant: v } }));
  writeFileSync(path.join(dir, 'u.jsonl'), lines.join('\n'));
  const { result } = await analyze({ cwd: dir, taxonomy: freeTenants, paths: ['u.jsonl'], fallbackPricing: false });
  const options = { color: false, cwd: dir, by: ['tenant', 'model'] };
  const what = JSON.stringify(values);
  if (unseen(table(result, options), '\n')) fail('unsafe', `table: ${what}`);
  const md = markdown(result, options);
  if (unseen(md, '\n') || md.split('\n').some((l) => /@\w|:\/\/|www\.|#\d|<[a-z]/i.test(outsideCode(l)))) fail('unsafe', `markdown: ${what}`);
  for (const cell of parseCsv(csv(result, options)).flat()) if (/^(?:[\t\r]|\s*[=+@]|\s*-(?!\d+(\.\d+)?$))/.test(cell)) fail('unsafe', `csv: ${JSON.stringify(cell)}`);
  if (/<(?:script|b)[\s>]|\son\w+=/i.test(html(result, options)) || unseen(html(result, options), '\n')) fail('unsafe', `html: ${what}`);
  rmSync(path.join(dir, 'u.jsonl'));
}

/** A source tree of hostile files (bytes, deep nesting, special files, links), with a hostile rule pack, baseline and paths. */
async function lintCase(c) {
  const root = path.join(dir, `lint${c}`);
  mkdirSync(path.join(root, 'src'), { recursive: true });
  mkdirSync(path.join(root, 'packs'));
  const call = `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [], metadata: { feature: ${JSON.stringify(hostileValue())} } });\n`;
  const sources = [call, '('.repeat(5000), Buffer.from(Array.from({ length: 200 }, () => int(256))), `${call}// attrib-ignore-next-line ${pick(HOSTILE)}\n${call}`, `const x = ${'['.repeat(2000)}${']'.repeat(2000)};`, '\ufeff' + call];
  for (let i = 0; i < 3; i++) writeFileSync(path.join(root, 'src', `f${i}.ts`), pick(sources));
  if (random() < 0.3) symlinkSync('.', path.join(root, 'src', 'loop'));
  if (random() < 0.3) symlinkSync('/dev/zero', path.join(root, 'src', 'zero.ts'));
  writeFileSync(path.join(root, 'packs', 'p.yaml'), pick(['name: x\n', `${pick(HOSTILE)}: ${pick(HOSTILE)}\n`, 'a: &a [*a]\n', 'name: p\nversion: 1\nsdks: [{ module: openai, calls: [{ match: "x(", kind: model }] }]\n', '']));
  const baseline = pick([undefined, 'b.json', 'src/f0.ts', '../../etc/passwd']);
  if (baseline === 'b.json') writeFileSync(path.join(root, 'b.json'), pick(['{}', '[]', '{"version":1,"findings":{"__proto__":1}}', '{"version":1,"findings":[{"fingerprint":null}]}', pick(HOSTILE)]));
  const paths = random() < 0.5 ? undefined : [pick(['src', 'src/*.ts', 'src/zero.ts', 'nope', 'src/**/*.{ts', '-', '.'])];
  try {
    const result = await lint({ cwd: root, taxonomy, paths, rulePackDirs: random() < 0.5 ? ['packs'] : [], baseline });
    if (result.callSites.length > 6) fail('data-loss', `lint counted ${result.callSites.length} call sites in 3 files of at most 2 each`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  }
  rmSync(root, { recursive: true, force: true });
}
const started = Date.now();
for (let c = 0; c < cases; c++) {
  const t0 = Date.now();
  const surface = pick(['log', 'log', 'log', 'taxonomy', 'pricing', 'invoice', 'period', 'unsafe', 'unsafe', 'lint']);
  try {
    if (surface === 'unsafe') await unsafeCase();
    else if (surface === 'lint') await lintCase(c);
    else if (surface === 'log' || surface === 'period') {
      const lines = Array.from({ length: 1 + int(20) }, record);
      const [name, body] = container(lines);
      writeFileSync(path.join(dir, name), body);
      const since = surface === 'period' ? pick(['0099-01-01', '2026-02-30', '1969-12-31', '2026-10-01', '9999-12-31']) : undefined;
      try {
        const { result } = await analyze({ cwd: dir, taxonomy, paths: [name], fallbackPricing: false, since });
        const accounted = result.inputs.records + result.totals.skippedLines;
        if (name !== 'a.csv' && !name.endsWith('.gz') && accounted === 0 && lines.length > 0) fail('data-loss', `${name}: ${lines.length} lines, nothing read or skipped`);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        if (surface === 'log') fail('wrong-exit', `${name}: ${error.message}`);
      }
      rmSync(path.join(dir, name));
    } else {
      const text = Array.from({ length: 1 + int(6) }, () => pick(['version: 1', 'models:', '  m:', '    input: 1e308', '    from: 2025-02-30', 'teams: {}', 'features:', '  f: { team: t }', '{', '- x', `${pick(HOSTILE)}: ${pick(HOSTILE)}`])).join('\n');
      try {
        if (surface === 'taxonomy') parseTaxonomy(text, 'attrib.yaml');
        else if (surface === 'pricing') parsePricing(text, 'pricing.yaml');
        else parseInvoiceFile(`{"object":"page","data":[{"start_time":${pick(HOSTILE) || 0},"results":[]}]}`, 'costs.json');
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
      }
    }
  } catch (error) {
    fail('crash', `${surface}: ${String(error?.message ?? error).slice(0, 120)}`);
  }
  if (Date.now() - t0 > HANG_MS) fail('hang', `${surface} case ${c}`);
}
rmSync(dir, { recursive: true, force: true });
const bad = Object.values(failures).reduce((a, b) => a + b, 0);
console.log(`fuzz seed=${seed} cases=${cases} time=${((Date.now() - started) / 1000).toFixed(1)}s ${Object.entries(failures).map(([k, v]) => `${k}=${v}`).join(' ')}${bad ? ` | ${examples.join(' | ')}` : ''}`);
process.exitCode = bad > 0 ? 1 : 0;
