import { describe, expect, it } from 'vitest';
import { cdata, format, xmlEscape } from '../../src/formats/junit.js';
import { agentAppLint, agentAppResult, hostileResult, options } from './lint-fixtures.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict reader for the XML subset the formatter writes (declaration, elements, attributes, text,
 * CDATA, the five entities and numeric references). It throws on anything that is not well-formed
 * XML 1.0, including characters XML 1.0 forbids, so a parse is the proof that a CI reporter can read it.
 */
function parseXml(xml: string): XmlElement {
  // eslint-disable-next-line no-control-regex
  const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const bad = forbidden.exec(xml);
  if (bad) throw new Error(`forbidden character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  const decode = (s: string) => {
    if (/[<]|&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`unescaped markup in ${JSON.stringify(s)}`);
    return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) =>
      e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : entities[e]!,
    );
  };
  let pos = 0;
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>\n/.exec(xml);
  if (!decl) throw new Error('no XML declaration');
  pos = decl[0].length;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  while (pos < xml.length) {
    const top = stack[stack.length - 1]!;
    if (xml.startsWith('<![CDATA[', pos)) {
      const end = xml.indexOf(']]>', pos);
      if (end < 0) throw new Error('unterminated CDATA');
      top.text += xml.slice(pos + 9, end);
      pos = end + 3;
    } else if (xml.startsWith('</', pos)) {
      const m = /^<\/([\w.-]+)>/.exec(xml.slice(pos));
      if (!m || m[1] !== top.name) throw new Error(`mismatched close tag at ${pos}`);
      stack.pop();
      pos += m[0].length;
    } else if (xml[pos] === '<') {
      const m = /^<([\w.-]+)((?:\s+[\w.-]+="[^"]*")*)\s*(\/?)>/.exec(xml.slice(pos));
      if (!m) throw new Error(`malformed tag at ${pos}: ${xml.slice(pos, pos + 40)}`);
      const attributes: Record<string, string> = {};
      for (const [, k, v] of m[2]!.matchAll(/([\w.-]+)="([^"]*)"/g)) {
        if (k! in attributes) throw new Error(`duplicate attribute ${k}`);
        attributes[k!] = decode(v!);
      }
      const element = { name: m[1]!, attributes, children: [], text: '' };
      top.children.push(element);
      if (!m[3]) stack.push(element);
      pos += m[0].length;
    } else {
      const end = xml.indexOf('<', pos);
      const text = xml.slice(pos, end < 0 ? xml.length : end);
      if (stack.length === 1 && text.trim() !== '') throw new Error('text outside the root element');
      if (text.includes(']]>')) throw new Error('`]]>` in text');
      top.text += decode(text);
      pos += text.length;
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('not exactly one closed root element');
  return root.children[0]!;
}

describe('junit format', () => {
  it('writes one testsuite per file, a failing testcase per error, a passing one (with system-out) per warning and for clean files', () => {
    const doc = parseXml(format(agentAppResult(), options));
    expect(doc.name).toBe('testsuites');
    expect(
      doc.children.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures, suite.children.map((t) => t.attributes.name)]),
    ).toEqual([
      ['src/agents/compose.ts', '1', '1', ['attrib.feature-team-mismatch']],
      // unknown-tag-key is a warning: counted as a test, not as a failure.
      ['src/agents/triage.ts', '3', '2', ['attrib.missing-tags', 'attrib.unknown-tag-key', 'attrib.unknown-tag-value']],
      ['src/broken.ts', '1', '1', ['attrib.parse-error']],
      ['src/retrieval/embed.ts', '1', '0', ['attrib.tag-may-be-undefined']],
      // Its call sites are compliant or suppressed: a passing suite, so the report shows it was checked.
      ['src/tools/search.ts', '1', '0', ['src/tools/search.ts']],
    ]);
    const triage = doc.children[1]!.children[0]!;
    expect(triage.attributes.classname).toBe('src/agents/triage');
    expect(triage.children[0]).toEqual({
      name: 'failure',
      attributes: { message: 'Missing required tag: parent_run_id.', type: 'error' },
      children: [],
      text: 'line 14, col 9, Error - Missing required tag: parent_run_id. (missing-tags)',
    });
    expect(doc.children[4]!.children[0]!.children).toEqual([]);
    expect(doc.children[3]!.children[0]!.children).toEqual([
      { name: 'system-out', attributes: {}, children: [], text: "line 8, col 10, Warning - Tag 'tenant' may be undefined: its type makes it optional. (tag-may-be-undefined)" },
    ]);
  });

  it('writes warnings as failures when they fail the run (--max-warnings exceeded), so the report agrees with the exit code', () => {
    const doc = parseXml(format(agentAppResult(), { ...options, warningsFail: true }));
    expect(doc.children.map((suite) => suite.attributes.failures)).toEqual(['1', '3', '1', '1', '0']);
    expect(doc.children[3]!.children[0]!.children[0]!.name).toBe('failure');
  });

  it('names files relative to the repository root, like SARIF, when attrib runs in a subfolder', () => {
    const doc = parseXml(format(agentAppResult(), { ...options, cwd: '/repo/packages/app', srcRoot: '/repo' }));
    expect(doc.children[0]!.attributes.name).toBe('packages/app/src/agents/compose.ts');
    expect(doc.children[0]!.children[0]!.attributes.classname).toBe('packages/app/src/agents/compose');
  });

  it('is well-formed for real lint output of fixtures/agent-app, one testcase per finding, failing for errors', async () => {
    const { result, cwd } = await agentAppLint();
    const doc = parseXml(format(result, { ...options, cwd }));
    const cases = doc.children.flatMap((suite) => suite.children.filter((t) => t.children.length > 0));
    expect(cases).toHaveLength(result.findings.length);
    expect(cases.filter((t) => t.children[0]!.name === 'failure')).toHaveLength(result.findings.filter((f) => f.severity === 'error').length);
    expect(doc.children.map((suite) => suite.attributes.name)).toEqual(
      [...new Set([...result.findings.map((f) => f.file), ...result.callSites.map((s) => s.file)])].sort(),
    );
  });

  it('stays well-formed with hostile strings and keeps them readable', () => {
    const xml = format(hostileResult(), options);
    const doc = parseXml(xml);
    const [suiteA, suiteHostile] = doc.children;
    expect(suiteA!.attributes.name).toBe('src/a.ts');
    expect(suiteA!.children[0]!.attributes.name).toBe('attrib.__proto__');
    expect(suiteA!.children[0]!.children[0]!).toMatchObject({ name: 'system-out', text: "line 2, col 1, Warning - =cmd|' /C calc'!A0 (__proto__)" });
    expect(suiteHostile!.attributes.name).toBe('src/we ird/100%,a:b#c?.ts');
    const failure = suiteHostile!.children[0]!.children[0]!;
    // ESC, NUL, BEL and the lone surrogate cannot exist in XML 1.0: they become visible escapes;
    // CR and LF survive in the attribute as character references, markup and `]]>` as themselves.
    const expected =
      "Unknown value '\\x1b[31mprod\\x1b[0m' for tag \"environment\" <b>&amp;</b> ]]> 100% sure,\r\nnext: line\\x00\\x07 \\ud800 end";
    expect(failure.attributes.message).toBe(expected);
    // The CDATA body is verbatim text: no entities, and its `]]>` was split across two sections.
    expect(failure.text).toBe(`line 7, col 3, Error - ${expected} (missing-tags)`);
  });

  it('escapes markup, quotes, line breaks and forbidden characters, and splits ]]> out of CDATA', () => {
    expect(xmlEscape('<a href="x">&\'\t\n\r\u001b\u0085')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#9;&#10;&#13;\\x1b\\x85');
    // Bidi overrides and invisible characters would reorder or hide text in a CI test report, as in a terminal.
    expect(xmlEscape('admin\u202e\u2066gpj.exe\u200b')).toBe('admin\\u202e\\u2066gpj.exe\\u200b');
    expect(cdata('tenant \u202ex')).toBe('<![CDATA[tenant \\u202ex]]>');
    expect(cdata('a]]>b]]>')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>');
    expect(parseXml(`<?xml version="1.0" encoding="utf-8"?>\n<x>${cdata('a]]>b')}</x>`).text).toBe('a]]>b');
  });

  it('the XML reader rejects what a CI reporter would reject', () => {
    const head = '<?xml version="1.0" encoding="utf-8"?>\n';
    expect(() => parseXml(`${head}<x a="1 & 2"/>`)).toThrow(/unescaped markup/);
    expect(() => parseXml(`${head}<x>\u001b</x>`)).toThrow(/forbidden character/);
    expect(() => parseXml(`${head}<x><![CDATA[a]]>b]]></x>`)).toThrow(/]]>/);
    expect(() => parseXml(`${head}<x><y></x>`)).toThrow(/mismatched/);
  });
});
