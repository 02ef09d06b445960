import { type Alias, type Document, isAlias, visit } from 'yaml';

/**
 * The first alias (`*x`) with no anchor `&x` before it, in one walk. yaml's `toJS` throws a
 * ReferenceError for it, the same error type as for an alias bomb, so a caller that only catches
 * the error would call a typo an attack: each YAML reader asks this first and names the alias.
 */
export function unresolvedAlias(doc: Document): Alias | undefined {
  const anchors = new Set<string>();
  let found: Alias | undefined;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node) && !anchors.has(node.source)) {
        found = node;
        return visit.BREAK;
      }
      if (!isAlias(node) && node.anchor !== undefined) anchors.add(node.anchor);
      return undefined;
    },
  });
  return found;
}

/** The message for an alias with no anchor. */
export const unresolvedAliasMessage = (alias: Alias) => `alias \`*${alias.source}\` names no anchor: there is no \`&${alias.source}\` before it`;
