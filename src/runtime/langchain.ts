/**
 * `attrib/runtime/langchain`: a LangChain callback handler that records one step per chat-model
 * or LLM run and one per tool run, with the scope's tags. Apart from `attrib/runtime` because it
 * loads `@langchain/core` (an optional peer dependency).
 */
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { LLMResult } from '@langchain/core/outputs';
import type { RunnableConfig } from '@langchain/core/runnables';
import { int, obj, text } from './clients/usage.js';
import { currentFrame, currentTags } from './scope.js';
import { type RuntimeStep, beginStep, endStep, setUsage } from './step.js';

/** LangChain's usage_metadata: input_tokens counts all input (cache reads and writes included). */
function readUsage(step: RuntimeStep, output: LLMResult): void {
  let input: number | null = null;
  let cached = 0;
  let written = 0;
  let out = 0;
  for (const generations of output.generations) {
    const message = obj(obj(generations[0])?.message);
    const usage = obj(message?.usage_metadata);
    const name = text(obj(message?.response_metadata)?.model_name) ?? text(obj(message?.response_metadata)?.model);
    if (name) step.model = name;
    if (!usage) continue;
    const details = obj(usage.input_token_details);
    input = (input ?? 0) + (int(usage.input_tokens) ?? 0);
    cached += int(details?.cache_read) ?? 0;
    written += int(details?.cache_creation) ?? 0;
    out += int(usage.output_tokens) ?? 0;
  }
  if (input === null) {
    // Older integrations report only llmOutput.tokenUsage (no cache detail).
    const legacy = obj(obj(output.llmOutput)?.tokenUsage);
    if (!legacy) return;
    setUsage(step, { inputTokens: int(legacy.promptTokens), cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: int(legacy.completionTokens) ?? 0 });
    return;
  }
  setUsage(step, { inputTokens: input, cachedInputTokens: cached, cacheWriteTokens: written, outputTokens: out });
}

export class AttribCallbackHandler extends BaseCallbackHandler {
  name = 'attrib';
  /** Run inline, in the caller's async context (where the scope is), and let a strict-mode refusal stop the call. */
  override awaitHandlers = true;
  override raiseError = true;
  /** LangChain run id -> the step recorded for it. */
  private readonly steps = new Map<string, RuntimeStep>();

  private begin(kind: 'model' | 'tool', runId: string, parentRunId: string | undefined, name: string | null, provider: string | null, model: string | null): void {
    const frame = currentFrame();
    const step = beginStep(kind, name, provider, model, frame);
    const parent = parentRunId === undefined ? undefined : this.steps.get(parentRunId);
    if (parent) step.parentStepId = parent.stepId;
    if (kind === 'tool') step.tool = name;
    this.steps.set(runId, step);
  }

  private end(runId: string, err?: unknown): RuntimeStep | undefined {
    const step = this.steps.get(runId);
    if (!step) return undefined;
    this.steps.delete(runId);
    endStep(step, err);
    return step;
  }

  private model(llm: Serialized, runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, metadata?: Record<string, unknown>): void {
    const params = obj(extraParams?.invocation_params);
    const model = text(metadata?.ls_model_name) ?? text(params?.model) ?? text(params?.model_name);
    const provider = text(metadata?.ls_provider);
    this.begin('model', runId, parentRunId, llm.id?.at(-1) ?? null, provider, model);
  }

  override handleLLMStart(llm: Serialized, _prompts: string[], runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): void {
    this.model(llm, runId, parentRunId, extraParams, metadata);
  }

  override handleChatModelStart(llm: Serialized, _messages: unknown[][], runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): void {
    this.model(llm, runId, parentRunId, extraParams, metadata);
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    const step = this.steps.get(runId);
    if (step) {
      try {
        readUsage(step, output);
      } catch {
        // usage stays unknown rather than guessed
      }
    }
    this.end(runId);
  }

  override handleLLMError(err: Error, runId: string): void {
    this.end(runId, err);
  }

  override handleToolStart(tool: Serialized, _input: string, runId: string, parentRunId?: string, _tags?: string[], _metadata?: Record<string, unknown>, runName?: string): void {
    this.begin('tool', runId, parentRunId, runName ?? tool.id?.at(-1) ?? 'tool', null, null);
  }

  override handleToolEnd(_output: unknown, runId: string): void {
    this.end(runId);
  }

  override handleToolError(err: Error, runId: string): void {
    this.end(runId, err);
  }
}

/**
 * A RunnableConfig for `.invoke(input, attribConfig())`: the handler added to the callbacks, and
 * the scope's tags as `metadata` (what LangSmith, Langfuse and other LangChain tracers read), the
 * caller's own metadata winning.
 */
export function attribConfig<C extends RunnableConfig>(config?: C): C & { callbacks: BaseCallbackHandler[]; metadata: Record<string, unknown> } {
  const own = config?.callbacks;
  if (own !== undefined && !Array.isArray(own)) throw new TypeError('attrib: attribConfig() takes callbacks as an array of handlers (add AttribCallbackHandler to a CallbackManager yourself)');
  const callbacks = [...((own ?? []) as BaseCallbackHandler[]), handler()];
  return { ...(config as C), callbacks, metadata: { ...currentTags(), ...config?.metadata } };
}

let shared: AttribCallbackHandler | undefined;
function handler(): AttribCallbackHandler {
  return (shared ??= new AttribCallbackHandler());
}
