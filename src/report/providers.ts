/**
 * One name per model provider, whatever the emitter wrote. The same provider reaches attrib as
 * `openai` (GenAI conventions, LiteLLM), `OpenAI` (OpenLLMetry before its move to GenAI names),
 * `openai.chat` / `openai.responses` (Vercel AI SDK: provider id plus API), `azure.openai` or
 * `az.ai.openai` (Azure OpenAI), `gcp.vertex_ai` / `vertexai` / `google-gla` (Google), ...; the
 * report groups, and the fallback catalogue prices, by provider, so these must be one value.
 *
 * The canonical ids are the `provider:` values of rules/pricing.yaml (`openai`, `anthropic`,
 * `google`) and, for the others, the plain vendor name (`bedrock`, `mistral`, `xai`, ...). Azure
 * OpenAI is `openai`: same models, same list prices. An unknown provider is kept, lower-cased.
 */

/** Aliases (lower-case, spaces and dashes as written) to the canonical id. */
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    openai: 'openai',
    'azure.openai': 'openai',
    'azure-openai': 'openai',
    azure_openai: 'openai',
    'azure.ai.openai': 'openai',
    'az.ai.openai': 'openai',
    // @ai-sdk/azure is Azure OpenAI; its provider id is `azure.chat`, `azure.responses`, ...
    azure: 'openai',
    'azure.ai.inference': 'azure-ai-inference',
    azure_ai: 'azure-ai-inference',
    anthropic: 'anthropic',
    google: 'google',
    gemini: 'google',
    'gcp.gemini': 'google',
    'gcp.gen_ai': 'google',
    'gcp.vertex_ai': 'google',
    vertex_ai: 'google',
    vertexai: 'google',
    'vertex ai': 'google',
    'google-vertex': 'google',
    'google.vertex': 'google',
    'google-gla': 'google',
    'google.generative-ai': 'google',
    google_genai: 'google',
    'aws.bedrock': 'bedrock',
    'amazon-bedrock': 'bedrock',
    bedrock: 'bedrock',
    aws: 'bedrock',
    mistral: 'mistral',
    mistralai: 'mistral',
    mistral_ai: 'mistral',
    xai: 'xai',
    x_ai: 'xai',
    'x-ai': 'xai',
    cohere: 'cohere',
    groq: 'groq',
    deepseek: 'deepseek',
    perplexity: 'perplexity',
    together: 'together',
    together_ai: 'together',
    togetherai: 'together',
    fireworks: 'fireworks',
    fireworks_ai: 'fireworks',
    ollama: 'ollama',
    openrouter: 'openrouter',
    huggingface: 'huggingface',
    hugging_face: 'huggingface',
    'ibm.watsonx.ai': 'watsonx',
    watsonx: 'watsonx',
  }),
);

/**
 * The canonical provider id for a provider name from a log, or null for none. Tries the whole name,
 * then the part before the first `.` (the AI SDK's `<provider>.<api>`: `anthropic.messages`,
 * `google.vertex.chat` is tried as `google.vertex` first), so `openai.chat` is `openai`.
 */
export function normaliseProvider(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim().toLowerCase();
  if (name.length === 0) return null;
  const exact = ALIASES.get(name);
  if (exact !== undefined) return exact;
  const parts = name.split('.');
  for (let n = parts.length - 1; n >= 1; n--) {
    const found = ALIASES.get(parts.slice(0, n).join('.'));
    if (found !== undefined) return found;
  }
  return name;
}
