import type { CallSite } from '../call-site.js';
import { type Frame, currentFrame } from '../scope.js';
import { type RuntimeStep, type StepKind, beginStep, endStep } from '../step.js';
import { attribHeaders, withTagHeaders } from './headers.js';

/** How one SDK method is instrumented: what it is, and how its answer and stream events read. */
export interface CallSpec {
  operation: string;
  kind: StepKind;
  provider: string;
  /** The request body to send (e.g. with the tags as OpenAI `metadata`); never mutates the caller's. */
  body?: (body: Record<string, unknown>, frame: Frame) => Record<string, unknown>;
  /** Usage and model from a whole response. */
  result: (step: RuntimeStep, data: unknown) => void;
  /** Usage and model from one stream event. */
  event: (step: RuntimeStep, event: unknown) => void;
  /** `instrument(client, { callSite })`: the lint call site every call of this client records. */
  callSite?: CallSite | null;
}

const WRAPPED = Symbol.for('attrib.runtime.wrapped');

type Method = ((this: unknown, body?: unknown, options?: unknown) => unknown) & { [WRAPPED]?: true };

/** The Stainless SDKs' (openai, @anthropic-ai/sdk) lazy response promise, as far as it is used here. */
interface ApiPromise {
  _thenUnwrap(transform: (data: unknown) => unknown): unknown;
  asResponse(): Promise<unknown>;
}

/** The SDKs' Stream: `iterator` makes the event iterator, used by iteration, `tee()` and `toReadableStream()`. */
interface SdkStream {
  iterator: () => AsyncIterator<unknown>;
  controller: unknown;
}

function isApiPromise(value: unknown): value is ApiPromise {
  return typeof (value as ApiPromise | null)?._thenUnwrap === 'function' && typeof (value as ApiPromise).asResponse === 'function';
}

function isSdkStream(value: unknown): value is SdkStream {
  return typeof (value as SdkStream | null)?.iterator === 'function' && typeof value === 'object' && 'controller' in (value as object);
}

function requestOptions(frame: Frame, options: unknown): unknown {
  const headers = attribHeaders(frame);
  if (options === undefined || options === null) return (frame.requestOptions ??= { headers });
  const own = options as { headers?: unknown };
  return { ...own, headers: withTagHeaders(own.headers, headers) };
}

/**
 * Replace `target[key]` (an SDK resource method, on that resource instance only) with one that
 * starts a step in the current scope, sends the scope's tags, and ends the step when the response
 * is read, or when its stream ends, breaks off or fails. The SDK's own promise comes back (so
 * `.withResponse()` and `.asResponse()` still work); wrapping twice is a no-op.
 */
export function wrapCall(target: Record<string, unknown> | undefined, key: string, spec: CallSpec): void {
  const original = target?.[key] as Method | undefined;
  if (!target || typeof original !== 'function' || original[WRAPPED]) return;
  const wrapped: Method = function (this: unknown, body?: unknown, options?: unknown) {
    const frame = currentFrame();
    const params = (body ?? {}) as Record<string, unknown>;
    const step = beginStep(spec.kind, spec.operation, spec.provider, typeof params.model === 'string' ? params.model : null, frame, spec.callSite);
    step.stream = params.stream === true;
    let promise: unknown;
    try {
      promise = original.call(this, spec.body && body !== undefined ? spec.body(params, frame) : body, requestOptions(frame, options));
    } catch (err) {
      endStep(step, err);
      throw err;
    }
    const settle = (data: unknown): unknown => {
      if (isSdkStream(data)) observeStream(data, step, spec);
      else {
        read(spec.result, step, data);
        endStep(step);
      }
      return data;
    };
    if (isApiPromise(promise)) {
      // asResponse() does not parse the body: it only sees the request fail (HTTP error, network).
      promise.asResponse().then(undefined, (err: unknown) => endStep(step, err));
      return promise._thenUnwrap(settle);
    }
    return Promise.resolve(promise).then(settle, (err: unknown) => {
      endStep(step, err);
      throw err;
    });
  };
  wrapped[WRAPPED] = true;
  target[key] = wrapped;
}

/** Reading usage must never break the caller: a response of an unexpected shape leaves usage unknown. */
function read(reader: (step: RuntimeStep, value: unknown) => void, step: RuntimeStep, value: unknown): void {
  try {
    reader(step, value);
  } catch {
    // usage stays null: the record says "not reported" rather than a guess
  }
}

function observeStream(stream: SdkStream, step: RuntimeStep, spec: CallSpec): void {
  const make = stream.iterator;
  stream.iterator = function () {
    return observe(make.call(stream), step, spec);
  };
}

/** Pass every event through, reading usage on the way; the step ends with the stream (or its early close). */
async function* observe(events: AsyncIterator<unknown>, step: RuntimeStep, spec: CallSpec): AsyncGenerator<unknown> {
  try {
    const iterable = { [Symbol.asyncIterator]: () => events };
    for await (const event of iterable) {
      read(spec.event, step, event);
      yield event;
    }
  } catch (err) {
    endStep(step, err);
    throw err;
  } finally {
    endStep(step);
  }
}
