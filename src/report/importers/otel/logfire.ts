import { parseCost } from '../../step.js';
import { readGenAi } from './genai.js';
import { type Dialect, count, listTags, text, tokensOf } from './span.js';

/**
 * Pydantic Logfire and pydantic-ai. pydantic-ai writes the GenAI conventions (names from
 * pydantic_ai_slim: `usage.py` RequestUsage.opentelemetry_attributes, `_instrumentation.py`), plus
 * `operation.cost` (priced by genai-prices at run time), cache counts also under
 * `gen_ai.usage.details.cache_*_tokens` (the only place before the GenAI cache names), and, before
 * `execute_tool`, tool runs as `running tool` spans that carry `gen_ai.tool.name` and no operation.
 */
export const logfire: Dialect = {
  name: 'logfire',
  detect: (view) => view.namespaces.has('logfire') || view.attrs.has('operation.cost') || view.scope === 'pydantic-ai' || view.scope === 'logfire',
  read(view) {
    const base = readGenAi(view);
    const oldTool = base.container && text(view, 'gen_ai.tool.name') !== null;
    const tokens =
      base.tokens === null
        ? null
        : tokensOf(
            base.tokens.input,
            count(view, 'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.details.cache_read_tokens'),
            count(view, 'gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.details.cache_write_tokens'),
            base.tokens.output,
          );
    return {
      ...base,
      kind: oldTool ? 'tool' : base.kind,
      container: base.container && !oldTool,
      tokens,
      cost: parseCost(view.attrs.get('operation.cost'), 'operation.cost') ?? base.cost,
      tool: oldTool ? text(view, 'gen_ai.tool.name') : base.tool,
    };
  },
  tags: (view, into) => listTags(view.attrs.get('logfire.tags'), into),
};
