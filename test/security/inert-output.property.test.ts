/**
 * Issue 10, "make it hold from now on": any string as a tag value is inert in every output format.
 * fast-check (fixed seed) writes arbitrary strings, mixed with the pieces attacks are made of (bidi
 * controls, U+FEFF, U+200B, ANSI and OSC escapes, mentions, URLs, formulas, tags, CDATA ends,
 * newlines, table pipes), as the feature, team, tenant, model and tool of real log records, runs the
 * report pipeline on them, and prints the result through the public formatters (`attrib/formats`),
 * the entry points the CLI uses; lint findings carrying the same strings go through the lint formats.
 * Each output is then checked by the rules of the medium it is read in, not by how the formatter
 * escapes, so the test holds whatever the formatters' internals become:
 *   terminal text   no control, bidi or invisible character but the line breaks between rows
 *   csv             parses; no cell a spreadsheet would run (= + - @ tab CR) but our own numbers
 *   html            only the elements and attributes of a report (no script, no handler, no link out)
 *   markdown        no mention, autolink or issue reference outside code; every table row one row
 *   json, sarif     every string round-trips exactly
 *   github          one workflow command per finding
 *   junit           well-formed XML of the JUnit elements, only characters XML can hold
 */
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csv, github, html, json, junit, markdown, sarif, stylish, table } from '../../src/formats/public.js';
import { parseTaxonomy } from '../../src/taxonomy/index.js';
import type { ReportResult } from '../../src/report/types.js';
import { finding, resultOf } from '../formats/lint-fixtures.js';
import { reportOn } from '../report/helpers.js';

/** The pieces injections are made of, each of which some output medium gives a meaning. */
const PIECES = [
  '\u202e', '\u2066', '\u200f', '\ufeff', '\u200b', '\u200d', '\u00ad', '\u{e0041}', '\u3164', '\u2028',
  '\u001b[31m', '\u001b]8;;https://evil.example\u0007', '\u0007', '\u0000', '\u007f', '\u009b', '\r', '\n', '\r\n', '\t',
  '@octocat', '@org/team', 'a@b.co', 'https://x.io', 'www.x.io', 'mailto:a', '#12', 'GH-12',
  '=cmd|', "=cmd|' /C calc'!A0", '+1', '-1', '@SUM(A1)', ' =1',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><b>', "'", '&amp;', ']]>', '<![CDATA[', '<!--',
  '|', '`', '``', '\\', '*', '_', '[x](https://x.io)', '![', '$x$', '~~', '%0A', '%', '::error::', '\ud800',
];
const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('a', 'ws', ' ', '-', '.'));
/** A tag value: pieces glued together, never empty (an empty tag is a missing tag, which is not shown). */
const hostile = fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')).filter((s) => s.trim().length > 0);

/**
 * Tenant is free, so each value is a group of its own; a feature not in the registry is shown in
 * the unattributed section with its value; team is free too, and conflicts with the registered one.
 */
const TAXONOMY = (() => {
  const text = 'version: 1\ntags:\n  feature: { required: true, registry: features }\n  team: { registry: teams, derive_from: feature }\n  tenant: {}\nteams:\n  core: {}\nfeatures:\n  plain: { team: core }\n';
  const parsed = parseTaxonomy(text, 'attrib.yaml');
  if (!parsed.taxonomy) throw new Error(parsed.findings.map((f) => f.message).join('\n'));
  return parsed.taxonomy;
})();

const BY = ['feature', 'team', 'tenant', 'model'] as const;
const OPTIONS = { color: false, cwd: '/work', by: [...BY] };

/** Every character a reader cannot see or that changes how the rest is shown (as src/util/terminal.ts), but `\n`. */
const UNSEEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;
const unseenBut = (text: string, keep: string) => [...text].filter((ch) => UNSEEN.test(ch) && !keep.includes(ch)).map((ch) => ch.codePointAt(0)!.toString(16));

async function reportWith(values: readonly string[]): Promise<ReportResult> {
  const [feature, team, tenant, model] = values;
  const lines = [
    { step_id: 's1', kind: 'model', model, cost_usd: 0.5, tags: { feature, team, tenant, parent_run_id: 'r1' } },
    { step_id: 's2', parent_step_id: 's1', kind: 'tool', tool: values[4], cost_usd: 0.25, tags: { feature, team, tenant, parent_run_id: 'r1' } },
    { step_id: 's3', kind: 'model', model: 'gpt-4o-mini', cost_usd: 0.125, tags: { feature: 'plain', team, tenant: 'ws_plain' } },
    { step_id: 's4', kind: 'model', model: 'gpt-4o-mini', cost_usd: 0.0625, tags: { feature: 'plain', tenant: 'ws_plain' } },
  ].map((record) => JSON.stringify({ ts: '2026-10-03T12:00:00.000Z', ...record }));
  const { result } = await reportOn({ 'a.jsonl': lines.join('\n') }, { taxonomy: TAXONOMY });
  return result;
}

/** Every string in a JSON value, in order. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsOf(v, out);
    }
  }
  return out;
}

interface Tag {
  name: string;
  attributes: string[];
}

/**
 * The elements of an HTML or XML text, with their attribute names, and what is left between them.
 * A `<` that starts no element, comment or declaration is returned as a stray: markup the
 * formatter did not write. CDATA sections and comments are skipped, as are `<style>` bodies.
 */
function markupOf(text: string): { tags: Tag[]; strays: number } {
  const tags: Tag[] = [];
  let strays = 0;
  let i = 0;
  while ((i = text.indexOf('<', i)) !== -1) {
    const skipTo = text.startsWith('<![CDATA[', i) ? ']]>' : text.startsWith('<!--', i) ? '-->' : undefined;
    if (skipTo) {
      const end = text.indexOf(skipTo, i);
      if (end === -1) return { tags, strays: strays + 1 }; // an unterminated section is no markup we wrote
      i = end + skipTo.length;
      continue;
    }
    const open = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(text.slice(i, i + 64)) ?? /^<([!?])([a-zA-Z]\w*)/.exec(text.slice(i, i + 64));
    if (!open) {
      strays++;
      i++;
      continue;
    }
    const attributes: string[] = [];
    let j = i + open[0].length;
    const ATTR = /\s+([^\s=>/"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?|\s*\/?\s*\??>/y;
    for (;;) {
      ATTR.lastIndex = j;
      const m = ATTR.exec(text);
      if (!m) throw new Error(`malformed markup at ${i}: ${JSON.stringify(text.slice(i, i + 80))}`);
      j = ATTR.lastIndex;
      if (m[1] === undefined) break;
      attributes.push(m[1].toLowerCase());
    }
    tags.push({ name: `${open[1]}${open[2]!.toLowerCase()}`, attributes });
    const styleEnd = open[2]!.toLowerCase() === 'style' && open[1] === '' ? text.indexOf('</style>', j) : j;
    if (styleEnd === -1) return { tags, strays: strays + 1 };
    i = styleEnd;
  }
  return { tags, strays };
}

const HTML_ELEMENTS = new Set(
  'html head meta title style body main header footer section article nav h1 h2 h3 h4 p div span small strong em b i code pre ul ol li dl dt dd table caption colgroup col thead tbody tfoot tr th td details summary figure figcaption abbr time svg g rect line polyline path circle text tspan'.split(' '),
);
const XML_ELEMENTS = new Set(['testsuites', 'testsuite', 'testcase', 'failure', 'error', 'skipped', 'properties', 'property', 'system-out', 'system-err']);

/** Markdown text outside code spans, escapes removed: what GitHub scans for mentions and links. */
function outsideCode(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '`') {
      const end = line.indexOf('`', i + 1);
      if (end === -1) out += line.slice(i);
      i = end === -1 ? line.length : end;
    } else out += line[i];
  }
  return out;
}

/** The cells of a markdown table row as GitHub splits it: at every `|` that is not backslash-escaped (code spans too). */
const cellCount = (row: string) => row.replace(/\\./g, '').split('|').length;

const LINKY = /@\w|:\/\/|www\.|(?:mailto|xmpp):|#\d|gh-\d/i;
const RUNS = { numRuns: 40, seed: 20261202 };

describe('any string as a tag value is inert in every output format (fast-check)', () => {
  it('report: table, csv, markdown, html, json', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(hostile, hostile, hostile, hostile, hostile), async (values) => {
        const result = await reportWith(values);

        // json: the values are carried exactly (tenant and model as group keys, the unknown feature
        // and the conflicting team as unattributed values, the tool by name): the other formats show these.
        const parsed = JSON.parse(json(result, OPTIONS));
        expect(parsed.byTenant.map((r: { key: string }) => r.key)).toContain(values[2]);
        expect(parsed.byModel.map((r: { key: string }) => r.key)).toContain(values[3]);
        const strings = stringsOf(parsed);
        for (const value of values) expect(strings).toContain(value);

        const text = table(result, OPTIONS);
        expect(unseenBut(text, '\n')).toEqual([]);

        const out = csv(result, OPTIONS);
        expect(unseenBut(out, '\n\r\t')).toEqual([]);
        const rows: string[][] = parseCsv(out, { relaxColumnCount: false });
        for (const cell of rows.flat()) {
          if (/^-?\d+(\.\d+)?$/.test(cell)) continue; // our own amounts and counts
          expect(cell, `csv cell ${JSON.stringify(cell)}`).not.toMatch(/^(?:[\t\r]|\s*[=+\-@])/);
          expect(unseenBut(cell, '\n\t')).toEqual([]); // a line break or tab inside a quoted cell is the cell's, as CSV allows
        }

        const md = markdown(result, OPTIONS);
        expect(unseenBut(md, '\n')).toEqual([]);
        const lines = md.split('\n');
        for (const line of lines) expect(outsideCode(line), `markdown line ${JSON.stringify(line)}`).not.toMatch(LINKY);
        for (const line of lines) expect(outsideCode(line)).not.toMatch(/<[a-zA-Z!/?]/);
        // Each table's rows split into as many cells as its header.
        let header: number | undefined;
        for (const line of lines) {
          if (!line.startsWith('|')) header = undefined;
          else if (header === undefined) header = cellCount(line);
          else expect(cellCount(line), `markdown row ${JSON.stringify(line)}`).toBe(header);
        }

        const page = html(result, OPTIONS);
        expect(unseenBut(page, '\n')).toEqual([]);
        const { tags, strays } = markupOf(page);
        expect(strays).toBe(0);
        for (const tag of tags) {
          if (tag.name.startsWith('!') || tag.name.startsWith('/')) continue;
          expect(HTML_ELEMENTS, `element <${tag.name}>`).toContain(tag.name);
          for (const attribute of tag.attributes) expect(attribute, `<${tag.name} ${attribute}>`).not.toMatch(/^(?:on|href|src|xlink|formaction|srcdoc)/);
        }
      }),
      RUNS,
    );
  });

  it('lint findings: stylish, github, junit, sarif', async () => {
    await fc.assert(
      fc.property(hostile, hostile, (value, name) => {
        const findings = [
          finding({ file: `src/${name}.ts`, line: 3, column: 5, endLine: 3, endColumn: 9, ruleId: 'unknown-tag-value', message: `'${value}' is not a valid \`feature\`` }),
          finding({ file: 'src/a.ts', line: 1, column: 1, severity: 'warning', ruleId: 'unknown-tag-key', message: `unknown tag key '${name}'; did you mean '${value}'?` }),
        ];
        const result = resultOf(findings);
        const options = { color: false, cwd: '/work' };

        expect(unseenBut(stylish(result, options), '\n')).toEqual([]);

        const annotations = github(result, options);
        expect(unseenBut(annotations, '\n\t')).toEqual([]); // a tab is a tab in the log and the annotation
        expect(annotations.split('\n').filter(Boolean).map((l) => /^::(error|warning) file=[^:]*::/.exec(l)?.[1])).toEqual(['error', 'warning']);

        const xml = junit(result, options);
        // Tab, LF and CR are XML whitespace (a parser reads CR as a line break); the rest is escaped.
        expect(unseenBut(xml, '\n\t\r')).toEqual([]);
        expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/);
        const { tags, strays } = markupOf(xml);
        expect(strays).toBe(0);
        expect(xml.replace(/<!\[CDATA\[[\s\S]*?]]>/g, '')).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
        for (const tag of tags) if (/^\w/.test(tag.name)) expect(XML_ELEMENTS, `element <${tag.name}>`).toContain(tag.name);

        const log = JSON.parse(sarif(result, options));
        const messages = log.runs[0].results.map((r: { message: { text: string } }) => r.message.text).sort();
        expect(messages).toEqual(findings.map((f) => f.message).sort());
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });
});
