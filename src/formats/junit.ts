import type { FormatOptions, Formatter } from './types.js';
import { type RepoPathOptions, repoRelativePath } from './repo-path.js';
import type { LintFinding, LintResult } from '../lint/types.js';
import { compareFindings } from '../util/findings.js';
import { sanitizeKeepingLineBreaks } from '../util/terminal.js';

/**
 * JUnit XML in the shape of eslint's `junit` formatter, which CI test reporters (GitLab, Jenkins,
 * Azure Pipelines, CircleCI) already know: one <testsuite> per file (its repository-relative path),
 * one <testcase> per finding, and one passing <testcase> for a file whose call sites are all in order.
 * An error is a <failure>. A warning is a passing test case whose <system-out> says what it is, so a
 * run that exits 0 shows no failing test; when the run fails because of its warnings
 * (`--max-warnings`), they are failures too, and the report agrees with the exit code.
 */
export interface JunitOptions extends FormatOptions, RepoPathOptions {
  /** Warnings fail the run (`--max-warnings` exceeded): write them as failures. */
  warningsFail?: boolean;
}

/**
 * Characters XML 1.0 cannot hold at all, not even as a character reference: C0 controls other than
 * tab/LF/CR, lone surrogates, U+FFFE and U+FFFF. They are written as visible `\xNN` / `\uNNNN` text.
 */
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text safe in any XML context, and as safe to read as the other human formats: controls (DEL and C1
 * too), bidi overrides and invisible characters become visible escapes (the shared terminal helper),
 * then what XML cannot hold at all.
 */
function xmlText(text: string): string {
  return sanitizeKeepingLineBreaks(text).replace(XML_FORBIDDEN, visible);
}

/** An attribute value or element text: entities for markup, character references for line breaks and
 * tabs (an attribute value would otherwise normalise them to spaces). */
export function xmlEscape(text: string): string {
  return xmlText(text).replace(/[<>&"'\t\n\r]/g, (ch) => {
    switch (ch) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#${ch.charCodeAt(0)};`;
    }
  });
}

/** A CDATA section holding `text` verbatim: `]]>` is split across two sections, the only way to keep it. */
export function cdata(text: string): string {
  return `<![CDATA[${xmlText(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** eslint's classname: the file path without its extension (a leading dot, as in `.eslintrc`, is no extension). */
function classname(file: string): string {
  return file.replace(/(?<=[^/.])\.[^./]*$/, '');
}

function testcase(f: LintFinding, file: string, fails: boolean): string {
  const detail = `line ${f.line}, col ${f.column}, ${f.severity === 'error' ? 'Error' : 'Warning'} - ${f.message} (${f.ruleId})`;
  const body = fails ? `<failure message="${xmlEscape(f.message)}" type="${f.severity}">${cdata(detail)}</failure>` : `<system-out>${cdata(detail)}</system-out>`;
  return `<testcase time="0" name="attrib.${xmlEscape(f.ruleId)}" classname="${xmlEscape(classname(file))}">${body}</testcase>\n`;
}

export const format: Formatter<LintResult, JunitOptions> = (result, options) => {
  const fails = (f: LintFinding) => f.severity === 'error' || options.warningsFail === true;
  const byFile = new Map<string, LintFinding[]>();
  for (const f of [...result.findings].sort(compareFindings)) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  // Files whose call sites raised nothing are passing suites, so the report shows what was checked.
  for (const site of result.callSites) if (!byFile.has(site.file)) byFile.set(site.file, []);
  const files = [...byFile.keys()].sort();

  let out = '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n';
  for (const file of files) {
    const findings = byFile.get(file)!;
    const path = repoRelativePath(file, options);
    const name = xmlEscape(path);
    if (findings.length === 0) {
      out += `<testsuite package="attrib" time="0" tests="1" failures="0" errors="0" name="${name}">\n`;
      out += `<testcase time="0" name="${name}" classname="${xmlEscape(classname(path))}" />\n`;
    } else {
      out += `<testsuite package="attrib" time="0" tests="${findings.length}" failures="${findings.filter(fails).length}" errors="0" name="${name}">\n`;
      for (const f of findings) out += testcase(f, path, fails(f));
    }
    out += '</testsuite>\n';
  }
  return `${out}</testsuites>\n`;
};
