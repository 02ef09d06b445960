import { ConfigError } from './errors.js';
import { didYouMean } from './did-you-mean.js';

/**
 * A flag that takes names from a fixed list, repeated or comma-separated or both
 * (`--by team,tenant --by model`): trimmed, empty parts dropped, duplicates kept once, in order.
 * An unknown name is a usage error with a did-you-mean and the valid names.
 */
export function parseNameList<N extends string>(input: string | readonly string[], allowed: readonly N[], flag: string, noun: string): N[] {
  const names = (typeof input === 'string' ? [input] : input)
    .flatMap((part) => part.split(','))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const valid = `Valid ${noun}s: ${allowed.join(', ')}.`;
  if (names.length === 0) throw new ConfigError(`${flag} needs at least one ${noun}.`, valid);
  const result: N[] = [];
  for (const name of names) {
    if (!(allowed as readonly string[]).includes(name)) {
      const suggestion = didYouMean(name, allowed);
      throw new ConfigError(`Unknown ${flag} ${noun} '${name}'.`, suggestion === undefined ? valid : `Did you mean '${suggestion}'? ${valid}`);
    }
    if (!result.includes(name as N)) result.push(name as N);
  }
  return result;
}
