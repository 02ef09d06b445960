import path from 'node:path';
import type { CallSite, LintResult } from '../lint/types.js';
import { readRegularFile } from '../util/read-user-file.js';
import { decodeText } from '../util/text.js';
import { type CallFacts, FileFacts } from './call-facts.js';

/** A call site on one side of the change, as lint found it plus what diff reads at the call. */
export interface DiffSite {
  callSiteId: string;
  file: string;
  line: number;
  callee: string;
  kind: string;
  status: string;
  /** The literal `model` of the call, when it has one. */
  model: string | null;
  inLoop: boolean;
  /** Tag -> its literal value, or `(dynamic)` when set from a variable. */
  tags: Record<string, string>;
  /** Required tags that do not reach the call. */
  missing: string[];
}

/** What a change does to a call site: `model` (another literal model), the call `entered-loop` or `left-loop`, `tags` (another tag set reaches it), `agent-entry` (a new agent entry point). */
export type ChangeAspect = 'model' | 'entered-loop' | 'left-loop' | 'tags' | 'agent-entry';

export interface SiteChange {
  change: 'added' | 'removed' | 'altered';
  callSiteId: string;
  aspects: ChangeAspect[];
  base: DiffSite | null;
  head: DiffSite | null;
}

/** Facts of call sites in one tree, files parsed once each. */
class TreeFacts {
  private readonly files = new Map<string, Promise<FileFacts | undefined>>();
  constructor(private readonly root: string) {}

  async of(site: CallSite): Promise<CallFacts> {
    let file = this.files.get(site.file);
    if (!file) {
      file = readRegularFile(path.join(this.root, site.file)).then(
        (bytes) => new FileFacts(site.file, decodeText(bytes)),
        () => undefined,
      );
      this.files.set(site.file, file);
    }
    return (await file)?.at(site.line, site.column) ?? { model: null, inLoop: false };
  }
}

async function sitesOf(result: LintResult, root: string): Promise<Map<string, DiffSite>> {
  const facts = new TreeFacts(root);
  const out = new Map<string, DiffSite>();
  for (const site of result.callSites) {
    const { model, inLoop } = await facts.of(site);
    const tags = Object.create(null) as Record<string, string>;
    for (const [tag, presence] of Object.entries(site.tags)) tags[tag] = 'value' in presence ? presence.value : '(dynamic)';
    out.set(site.callSiteId, { callSiteId: site.callSiteId, file: site.file, line: site.line, callee: site.callee, kind: site.kind, status: site.status, model, inLoop, tags, missing: [...site.missing] });
  }
  return out;
}

const sameTags = (a: DiffSite, b: DiffSite) => JSON.stringify(Object.entries(a.tags).sort()) === JSON.stringify(Object.entries(b.tags).sort()) && a.missing.join() === b.missing.join();

/**
 * The call sites a change adds, removes or alters, matched by callSiteId (which survives line
 * shifts, docs/call-sites.md). A call site that moved to another function or file has a new id: it
 * shows as removed and added, which prices the same (its volume goes with it only in the logs).
 */
export async function compareSites(base: LintResult, baseRoot: string, head: LintResult, headRoot: string): Promise<SiteChange[]> {
  const [before, after] = await Promise.all([sitesOf(base, baseRoot), sitesOf(head, headRoot)]);
  const changes: SiteChange[] = [];
  for (const [id, b] of before) {
    const a = after.get(id);
    if (!a) {
      changes.push({ change: 'removed', callSiteId: id, aspects: [], base: b, head: null });
      continue;
    }
    const aspects: ChangeAspect[] = [];
    if (b.model !== a.model && a.model !== null) aspects.push('model');
    if (!b.inLoop && a.inLoop) aspects.push('entered-loop');
    if (b.inLoop && !a.inLoop) aspects.push('left-loop');
    if (!sameTags(a, b)) aspects.push('tags');
    if (b.kind !== 'agent' && a.kind === 'agent') aspects.push('agent-entry');
    if (aspects.length > 0) changes.push({ change: 'altered', callSiteId: id, aspects, base: b, head: a });
  }
  for (const [id, a] of after) {
    if (before.has(id)) continue;
    changes.push({ change: 'added', callSiteId: id, aspects: a.kind === 'agent' ? ['agent-entry'] : [], base: null, head: a });
  }
  return changes.sort((x, y) => (x.callSiteId < y.callSiteId ? -1 : x.callSiteId > y.callSiteId ? 1 : 0));
}
