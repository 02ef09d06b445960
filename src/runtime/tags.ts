/**
 * Tag names and values as the runtime handles them. Tags come from the caller's code and from
 * incoming request headers, so every key is checked and every map is null-prototype.
 */

/** The tags attribution resolves, and the run (`parent_run_id`), as `attrib report` reads them. */
export const ATTRIBUTION_TAGS = ['feature', 'team', 'workload_class', 'tenant', 'environment', 'parent_run_id'] as const;

/** A tag set: tag name -> value. `null` or `undefined` leaves a tag unset (it never deletes an outer one). */
export type Tags = Readonly<Record<string, string | null | undefined>>;

/** A resolved tag set (null prototype, only string values). */
export type TagMap = Readonly<Record<string, string>>;

/** Tag names become header names (`x-attrib-<tag>`) and record keys: lowercase snake case only. */
const TAG_NAME = /^[a-z][a-z0-9_]{0,63}$/;

export function isTagName(name: string): boolean {
  return TAG_NAME.test(name);
}

export class AttributionError extends Error {
  override name = 'AttributionError';
  constructor(
    message: string,
    /** The required tags the call lacked. */
    readonly missing: readonly string[],
  ) {
    super(message);
  }
}

/** `base` with `over` laid on top, as a new null-prototype map. Bad names throw: they are a bug in the caller. */
export function mergeTags(base: TagMap, over: Tags): TagMap {
  const out: Record<string, string> = Object.create(null);
  for (const key in base) out[key] = base[key] as string;
  for (const key of Object.keys(over)) {
    if (!isTagName(key)) throw new TypeError(`attrib: tag name ${JSON.stringify(key).slice(0, 80)} is not lowercase snake case`);
    const value = over[key];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`attrib: tag ${key} must be a string, not ${typeof value}`);
    if (value !== '') out[key] = value;
  }
  return Object.freeze(out);
}

export const NO_TAGS: TagMap = Object.freeze(Object.create(null) as Record<string, string>);

/** The required tags `tags` lacks, in the order they are required. */
export function missingTags(tags: TagMap, required: readonly string[]): readonly string[] {
  let missing: string[] | undefined;
  for (const name of required) if (tags[name] === undefined) (missing ??= []).push(name);
  return missing ?? [];
}
