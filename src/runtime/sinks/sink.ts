import type { RuntimeStep } from '../step.js';

/**
 * Where finished steps go. `end` is called on the request path, so it must not block or throw
 * (a sink buffers and writes later); `start` lets a tracer open a span at the step's start.
 */
export interface Sink {
  readonly name: string;
  start?(step: RuntimeStep): void;
  end(step: RuntimeStep): void;
  /** Write out what is buffered. */
  flush?(): Promise<void>;
}

/** A sink that keeps the steps in memory (for tests and for code that ships steps itself). */
export function memorySink(): Sink & { steps: RuntimeStep[] } {
  const steps: RuntimeStep[] = [];
  return { name: 'memory', steps, end: (step) => void steps.push(step) };
}
