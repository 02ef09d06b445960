import { describe, expect, it } from 'vitest';
import { normaliseProvider } from '../../src/report/providers.js';

describe('normaliseProvider', () => {
  it('maps the names real emitters write to one id per provider', () => {
    // Each left-hand value is what an emitter writes (formats.md, "What real emitters write"):
    // GenAI semconv, OpenLLMetry before/after GenAI names, AI SDK `<provider>.<api>`, AI SDK 7's
    // mapProviderName, OpenInference llm.provider / llm.system, pydantic-ai gen_ai.system.
    const cases: Record<string, string> = {
      openai: 'openai',
      OpenAI: 'openai',
      'openai.chat': 'openai',
      'openai.responses': 'openai',
      'azure.openai': 'openai',
      'az.ai.openai': 'openai',
      'azure.ai.openai': 'openai',
      'azure.chat': 'openai',
      Anthropic: 'anthropic',
      'anthropic.messages': 'anthropic',
      'gcp.vertex_ai': 'google',
      'gcp.gemini': 'google',
      'gcp.gen_ai': 'google',
      'google.generative-ai': 'google',
      'google.vertex.chat': 'google',
      vertexai: 'google',
      'google-gla': 'google',
      'aws.bedrock': 'bedrock',
      'amazon-bedrock.chat': 'bedrock',
      aws: 'bedrock',
      mistralai: 'mistral',
      mistral_ai: 'mistral',
      'mistral.chat': 'mistral',
      x_ai: 'xai',
      'azure.ai.inference': 'azure-ai-inference',
    };
    for (const [written, canonical] of Object.entries(cases)) expect([written, normaliseProvider(written)]).toEqual([written, canonical]);
  });

  it('keeps an unknown provider (lower-cased, trimmed) and returns null for none', () => {
    expect(normaliseProvider('  Acme-LLM ')).toBe('acme-llm');
    expect(normaliseProvider('acme.chat')).toBe('acme.chat');
    expect(normaliseProvider('')).toBeNull();
    expect(normaliseProvider('   ')).toBeNull();
    expect(normaliseProvider(null)).toBeNull();
    expect(normaliseProvider(undefined)).toBeNull();
  });

  it('does not read keys inherited from Object.prototype', () => {
    expect(normaliseProvider('constructor')).toBe('constructor');
    expect(normaliseProvider('__proto__')).toBe('__proto__');
  });
});
