import { attribHeaders } from './clients/headers.js';
import { int, obj, text } from './clients/usage.js';
import { currentFrame } from './scope.js';
import { type RuntimeStep, beginStep, endStep, setUsage } from './step.js';

export interface AttribMiddlewareOptions {
  /** The provider recorded for the calls (default: the model's provider id before the first dot: `openai.chat` -> `openai`). */
  provider?: string;
}

/** The parts of the AI SDK's LanguageModelV4 this middleware reads (structural, so `ai` stays optional). */
interface ModelInfo {
  readonly provider: string;
  readonly modelId: string;
}
interface CallParams {
  headers?: Record<string, string | undefined>;
  [key: string]: unknown;
}
interface StreamResult {
  stream: ReadableStream<unknown>;
  [key: string]: unknown;
}

/**
 * A language-model middleware for the AI SDK (`wrapLanguageModel({ model, middleware: attribMiddleware() })`):
 * every generate or stream call sends the scope's tags as `x-attrib-<tag>` headers and records one
 * step with the usage of the model's `finish` (tokens incl. cache reads and writes), model,
 * provider, timing and errors.
 */
export function attribMiddleware(options: AttribMiddlewareOptions = {}) {
  const providerOf = (model: ModelInfo): string => options.provider ?? model.provider.split('.')[0] ?? model.provider;
  return {
    specificationVersion: 'v4' as const,
    async transformParams<P extends CallParams>({ params }: { type: 'generate' | 'stream'; params: P }): Promise<P> {
      // The caller's own headers win over the tag headers.
      return { ...params, headers: { ...attribHeaders(currentFrame()), ...params.headers } };
    },
    async wrapGenerate<R>({ doGenerate, model }: { doGenerate: () => PromiseLike<R>; model: ModelInfo }): Promise<R> {
      const step = beginStep('model', 'doGenerate', providerOf(model), model.modelId);
      try {
        const result = await doGenerate();
        readFinish(step, obj(result)?.usage);
        const modelId = text(obj(obj(result)?.response)?.modelId);
        if (modelId) step.model = modelId;
        endStep(step);
        return result;
      } catch (err) {
        endStep(step, err);
        throw err;
      }
    },
    async wrapStream<R extends StreamResult>({ doStream, model }: { doStream: () => PromiseLike<R>; model: ModelInfo }): Promise<R> {
      const step = beginStep('model', 'doStream', providerOf(model), model.modelId);
      step.stream = true;
      let result: R;
      try {
        result = await doStream();
      } catch (err) {
        endStep(step, err);
        throw err;
      }
      const reader = result.stream.getReader();
      // A pull stream rather than a TransformStream: it also sees the consumer cancel.
      const watched = new ReadableStream<unknown>({
        async pull(controller) {
          let next: Awaited<ReturnType<typeof reader.read>>;
          try {
            next = await reader.read();
          } catch (err) {
            endStep(step, err);
            controller.error(err);
            return;
          }
          if (next.done) {
            if (step.error) step.status = 'error';
            endStep(step);
            controller.close();
            return;
          }
          const p = obj(next.value);
          if (p?.type === 'finish') readFinish(step, p.usage);
          else if (p?.type === 'response-metadata' && text(p.modelId)) step.model = p.modelId as string;
          else if (p?.type === 'error') step.error ??= { type: 'StreamError', message: String(obj(p.error)?.message ?? p.error).slice(0, 500), status: null };
          controller.enqueue(next.value);
        },
        cancel(reason) {
          endStep(step, reason ?? new Error('stream cancelled'));
          return reader.cancel(reason);
        },
      });
      return { ...result, stream: watched };
    },
  };
}

/** LanguageModelV4Usage: inputTokens.total counts all input (cache reads and writes included). */
function readFinish(step: RuntimeStep, usage: unknown): void {
  const u = obj(usage);
  if (!u) return;
  const input = obj(u.inputTokens);
  const output = obj(u.outputTokens);
  setUsage(step, {
    inputTokens: int(input?.total),
    cachedInputTokens: int(input?.cacheRead) ?? 0,
    cacheWriteTokens: int(input?.cacheWrite) ?? 0,
    outputTokens: int(output?.total) ?? (input ? 0 : null),
  });
}
