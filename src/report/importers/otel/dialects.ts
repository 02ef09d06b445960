import { aiSdk } from './ai-sdk.js';
import { genAi } from './genai.js';
import { genkit } from './genkit.js';
import { langfuse } from './langfuse.js';
import { logfire } from './logfire.js';
import { openInference } from './openinference.js';
import { openLLMetry } from './openllmetry.js';
import type { Dialect, SpanView } from './span.js';

/**
 * Every dialect, in order of precedence: a span is read by the first one that detects it. Langfuse
 * first (its observation type is what the user declared), then the emitters whose kind attribute
 * is their own (OpenInference, AI SDK, OpenLLMetry), then Logfire, whose spans are otherwise plain
 * GenAI ones, and Genkit (read only to say its model spans cannot be); the GenAI conventions take
 * whatever is left.
 */
export const DIALECTS: readonly Dialect[] = [langfuse, openInference, aiSdk, openLLMetry, logfire, genkit, genAi];

export function dialectOf(view: SpanView): Dialect {
  for (const dialect of DIALECTS) if (dialect.detect(view)) return dialect;
  return genAi;
}
