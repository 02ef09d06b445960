import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { didYouMean } from '../util/did-you-mean.js';
import type { Finding } from '../util/findings.js';
import { TAXONOMY_RULES, type TaxonomyRuleId } from './rules.js';

/** One key of a YAML mapping, with the nodes that give positions for findings about it. */
export interface Entry {
  key: string;
  keyNode: Node;
  /** null for an empty value (`key:` with nothing after it). */
  value: Node | null;
}

/**
 * Typed, position-aware reads of a parsed YAML document. Every read that fails records a finding at
 * the offending node (line:col from the document's LineCounter) and returns undefined, so the
 * validator can keep going and report every problem in one pass.
 */
export class YamlChecker {
  readonly findings: Finding[] = [];

  constructor(
    private readonly file: string,
    private readonly lineCounter: LineCounter,
    private readonly doc: Document,
  ) {}

  report(ruleId: TaxonomyRuleId, node: Node | null | undefined, message: string, suggestion?: string): void {
    const range = node?.range;
    const start = this.lineCounter.linePos(range?.[0] ?? 0);
    const end = this.lineCounter.linePos(range?.[1] ?? range?.[0] ?? 0);
    const finding: Finding = {
      ruleId,
      severity: TAXONOMY_RULES[ruleId].severity,
      file: this.file,
      line: start.line,
      column: start.col,
      endLine: end.line,
      endColumn: end.col,
      message,
    };
    if (suggestion !== undefined) finding.suggestion = suggestion;
    this.findings.push(finding);
  }

  /** Follow an alias (`*name`) to the node it points at. */
  resolve(node: Node | null | undefined): Node | null {
    if (node == null) return null;
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return node;
  }

  /** The entries of a mapping, or undefined (with a finding) when the node is not one. */
  entries(node: Node | null, what: string, { allowEmpty = true } = {}): Entry[] | undefined {
    const resolved = this.resolve(node);
    if (resolved === null || (isScalar(resolved) && resolved.value === null)) {
      return allowEmpty ? [] : this.fail(node, `${what} must be a mapping`);
    }
    if (!isMap(resolved)) return this.fail(node, `${what} must be a mapping, not ${describe(resolved)}`);
    const entries: Entry[] = [];
    for (const pair of (resolved as YAMLMap<Node, Node | null>).items) {
      const keyNode = this.resolve(pair.key);
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.report('invalid-type', pair.key, `keys of ${what} must be plain names`);
        continue;
      }
      entries.push({ key: String(keyNode.value), keyNode, value: pair.value });
    }
    return entries;
  }

  /** Report every key outside `allowed`, with a did-you-mean; returns the known entries by key. */
  known(entries: Entry[], allowed: readonly string[], where: string): Map<string, Entry> {
    const byKey = new Map<string, Entry>();
    for (const entry of entries) {
      if (allowed.includes(entry.key)) {
        byKey.set(entry.key, entry);
        continue;
      }
      const guess = didYouMean(entry.key, allowed);
      const hint = guess === undefined ? `allowed: ${allowed.join(', ')}` : `did you mean \`${guess}\`?`;
      this.report('unknown-key', entry.keyNode, `unknown key \`${entry.key}\` in ${where} (${hint})`, guess);
    }
    return byKey;
  }

  string(node: Node | null, what: string): string | undefined {
    const resolved = this.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === 'string') return resolved.value;
    return this.fail(node, `${what} must be a string, not ${describe(resolved)}`);
  }

  number(node: Node | null, what: string): number | undefined {
    const resolved = this.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === 'number') return resolved.value;
    return this.fail(node, `${what} must be a number, not ${describe(resolved)}`);
  }

  boolean(node: Node | null, what: string): boolean | undefined {
    const resolved = this.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === 'boolean') return resolved.value;
    return this.fail(node, `${what} must be true or false, not ${describe(resolved)}`);
  }

  /** A list of strings, each with its node (for findings about one item). */
  stringList(node: Node | null, what: string): { value: string; node: Node }[] | undefined {
    const resolved = this.resolve(node);
    if (!isSeq(resolved)) return this.fail(node, `${what} must be a list, not ${describe(resolved)}`);
    const items: { value: string; node: Node }[] = [];
    for (const item of resolved.items as (Node | null)[]) {
      const value = this.string(item, `each item of ${what}`);
      if (value !== undefined && item !== null) items.push({ value, node: item });
    }
    return items;
  }

  private fail(node: Node | null | undefined, message: string): undefined {
    this.report('invalid-type', node, message);
    return undefined;
  }
}

function describe(node: Node | null): string {
  if (node === null) return 'empty';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'empty';
    if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    return `${typeof v} ${String(v)}`;
  }
  return 'an unsupported value';
}
