import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Step ids: a random per-process prefix and a counter. Unique across processes (the prefix has 64
 * random bits) and cheap per call (one short string, no crypto on the request path).
 */
const PREFIX = `st_${randomBytes(8).toString('hex')}_`;
let counter = 0;

export function newStepId(): string {
  counter += 1;
  return PREFIX + counter.toString(36);
}

/** A run id for an outermost scope that brought none. */
export function newRunId(): string {
  return `run_${randomUUID()}`;
}
