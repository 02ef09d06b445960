import { BadRecord } from '../../step.js';
import { readGenAi } from './genai.js';
import { type Dialect, text } from './span.js';

/**
 * Firebase Genkit writes its own span attributes (`genkit:type`, `genkit:name`, `genkit:metadata:subtype`)
 * and keeps a model call's usage inside the `genkit:output` JSON, where whether `outputTokens`
 * includes `thoughtsTokens` differs by model plugin. attrib does not guess: a model or embedder
 * span is skipped with this reason (so the report says it is incomplete), flows and other actions
 * are wrappers. Seen in the Langfuse server's mapping tests (langfuse/langfuse
 * web/src/__tests__/server/api/otel/otelMapping.servertest.ts at 62751446).
 */
const BILLED = new Set(['model', 'embedder']);

export const genkit: Dialect = {
  name: 'genkit',
  detect: (view) => view.attrs.has('genkit:type'),
  read(view) {
    const subtype = text(view, 'genkit:metadata:subtype');
    if (subtype !== null && BILLED.has(subtype)) {
      throw new BadRecord(`Genkit ${subtype} span: its usage is inside genkit:output, which attrib does not read (export GenAI-convention spans for it)`);
    }
    return readGenAi(view);
  },
};
