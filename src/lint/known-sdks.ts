import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ConfigError } from '../util/errors.js';
import { cachedParse } from './packs/parsed-cache.js';

/** What kind of SDK a known specifier is, for the warning's wording. */
export type SdkKind = 'provider' | 'agent-framework' | 'tool';

/**
 * rules/known-sdks.yaml: module specifiers that look like AI SDKs, and those among them whose imports
 * are no call sites (schemas/known-sdks.schema.json). Data, not code: a new SDK is one line there.
 */
export const KNOWN_SDKS_FILE = fileURLToPath(new URL('../../rules/known-sdks.yaml', import.meta.url));

interface Pattern {
  /** The exact specifier, or the prefix of a `prefix*` pattern. */
  text: string;
  prefix: boolean;
  /** Undefined for a `not_call_sites` entry. */
  kind?: SdkKind;
}

export class KnownSdks {
  private constructor(private readonly patterns: readonly Pattern[]) {}

  /** Parsed through the JSON cache of the packs: YAML parsing this file was ~0.1 s of every run (issue 14). */
  static load(file = KNOWN_SDKS_FILE): KnownSdks {
    let data: unknown;
    try {
      [data] = cachedParse([{ file, text: readFileSync(file, 'utf8') }], (_, text) => parse(text, { maxAliasCount: 50 }));
    } catch (error) {
      throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`, 'Reinstall attrib: the bundled rules/known-sdks.yaml is damaged.');
    }
    return KnownSdks.parse(data, file);
  }

  /** Validate the parsed YAML (the shape of schemas/known-sdks.schema.json). */
  static parse(data: unknown, file: string): KnownSdks {
    const fail = (where: string, problem: string): never => {
      throw new ConfigError(`invalid ${file}: ${where} ${problem}`, 'See schemas/known-sdks.schema.json.');
    };
    const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isRecord(data)) return fail('the file', 'must be a mapping');
    if (data.version !== 1) fail('version', 'must be 1');
    const patterns: Pattern[] = [];
    const read = (key: 'sdks' | 'not_call_sites') => {
      const list = data[key] ?? [];
      if (!Array.isArray(list)) fail(key, 'must be a list');
      (list as unknown[]).forEach((raw, i) => {
        const at = `${key}[${i}]`;
        if (!isRecord(raw)) return fail(at, 'must be a mapping');
        const match = raw.match;
        if (typeof match !== 'string' || !/^[^\s*]+\*?$/.test(match)) fail(`${at}.match`, 'must be a module specifier, optionally ending in `*`');
        const text = (match as string).replace(/\*$/, '');
        const prefix = (match as string).endsWith('*');
        if (key === 'sdks') {
          if (raw.kind !== 'provider' && raw.kind !== 'agent-framework' && raw.kind !== 'tool') fail(`${at}.kind`, 'must be `provider`, `agent-framework` or `tool`');
          patterns.push({ text, prefix, kind: raw.kind as SdkKind });
        } else {
          if (typeof raw.reason !== 'string' || raw.reason.trim() === '') fail(`${at}.reason`, 'must say why these imports are no call sites');
          patterns.push({ text, prefix });
        }
      });
    };
    read('sdks');
    read('not_call_sites');
    return new KnownSdks(patterns);
  }

  /**
   * The kind of SDK a module specifier is, or undefined when it is none (or one whose imports are no
   * call sites). The most specific pattern decides: an exact one, else the longest prefix; between
   * equally specific ones, `not_call_sites` wins.
   */
  kindOf(specifier: string): SdkKind | undefined {
    let best: Pattern | undefined;
    for (const p of this.patterns) {
      if (p.prefix ? !specifier.startsWith(p.text) : specifier !== p.text) continue;
      if (!best || rank(p) > rank(best) || (rank(p) === rank(best) && p.kind === undefined)) best = p;
    }
    return best?.kind;
  }
}

const rank = (p: Pattern) => (p.prefix ? p.text.length : Number.MAX_SAFE_INTEGER);

/** The npm package a bare module specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for a relative, absolute or `node:` one. */
export function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':') || specifier === '') return undefined;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) return parts.length >= 2 && parts[1] !== '' ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0];
}
