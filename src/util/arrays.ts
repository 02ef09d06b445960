/**
 * Array helpers that never spread: `push(...xs)` and `Math.max(...xs)` pass every element as a call
 * argument, and V8 throws `Maximum call stack size exceeded` from about 125k of them (a run of 200k
 * steps, a table of 150k tenants). Use these wherever the length comes from data.
 */

/** Append every item of `items` to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest `measure(item)`, or `empty` when there is no item. */
export function maxOf<T>(items: Iterable<T>, measure: (item: T) => number, empty = 0): number {
  let max = -Infinity;
  for (const item of items) {
    const value = measure(item);
    if (value > max) max = value;
  }
  return max === -Infinity ? empty : max;
}

/** The smallest `measure(item)`, or `empty` when there is no item. */
export function minOf<T>(items: Iterable<T>, measure: (item: T) => number, empty = 0): number {
  let min = Infinity;
  for (const item of items) {
    const value = measure(item);
    if (value < min) min = value;
  }
  return min === Infinity ? empty : min;
}
