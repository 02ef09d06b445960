import { currentFrame, runInStep } from './scope.js';
import { type RuntimeStep, type StepKind, beginStep, endStep } from './step.js';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/** Run `fn` as the step `step`: the calls it makes are its children; the step ends when `fn` settles. */
function runAs<R>(step: RuntimeStep, fn: () => R): R {
  let result: R;
  try {
    result = runInStep(currentFrame(), step.stepId, fn);
  } catch (err) {
    endStep(step, err);
    throw err;
  }
  if (!isThenable(result)) {
    endStep(step);
    return result;
  }
  return result.then(
    (value) => {
      endStep(step);
      return value;
    },
    (err: unknown) => {
      endStep(step, err);
      throw err;
    },
  ) as R;
}

function begin(kind: StepKind, name: string): RuntimeStep {
  const step = beginStep(kind, name, null, null);
  if (kind === 'tool') step.tool = name;
  return step;
}

/**
 * Wrap a tool's implementation: each call records a `tool` step, the child of the step it was
 * called in, and the model calls the tool makes become the tool step's children.
 */
export function tool<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
  return function (this: unknown, ...args: A): R {
    return runAs(begin('tool', name), () => fn.apply(this, args));
  };
}

/**
 * Run `fn` now as an agent step named `name` (kind `other`, no tokens of its own): the model calls
 * and tools inside it are its children, so a run reads as a tree.
 */
export function step<R>(name: string, fn: () => R): R {
  return runAs(begin('other', name), fn);
}
