import { BadRecord, type StepRecord, blankStep, isRecord } from '../step.js';
import { importAttrib, isAttribRecord } from './attrib.js';
import { importBedrock, isBedrockRecord } from './bedrock.js';
import { importHelicone, isHeliconeRecord } from './helicone.js';
import { importLangfuse, isLangfuseRecord } from './langfuse.js';
import { importLiteLLM, isLiteLLMRecord } from './litellm.js';
import { importLiteLLMPayload, isLiteLLMPayloadRecord } from './litellm-payload.js';
import { importOtel, isOtelRecord } from './otel.js';

import type { InputFormat } from '../options.js';

export type { InputFormat } from '../options.js';
export type RecordFormat = Exclude<InputFormat, 'auto'>;

/** Which importer a record belongs to, by the fields that only that format has. */
export function detectRecordFormat(obj: Record<string, unknown>): RecordFormat | undefined {
  if (isOtelRecord(obj)) return 'otel';
  if (isLiteLLMRecord(obj)) return 'litellm';
  if (isLiteLLMPayloadRecord(obj)) return 'litellm-payload';
  if (isBedrockRecord(obj)) return 'bedrock';
  if (isHeliconeRecord(obj)) return 'helicone';
  if (isLangfuseRecord(obj)) return 'langfuse';
  if (isAttribRecord(obj)) return 'attrib';
  return undefined;
}

/** Receives what one raw record turned into. */
export interface RecordSink {
  /** `step` is only valid during the call (attrib records reuse one object): copy what you keep. */
  step(step: StepRecord, format: RecordFormat): void;
  skip(reason: string): void;
}

/** Importers that turn one record into one step. */
const SINGLE_STEP: Readonly<Record<Exclude<RecordFormat, 'otel' | 'attrib'>, (obj: Record<string, unknown>) => StepRecord>> = {
  litellm: importLiteLLM,
  'litellm-payload': importLiteLLMPayload,
  langfuse: importLangfuse,
  helicone: importHelicone,
  bedrock: importBedrock,
};

/** The step every attrib record is read into (one per process: records are imported one at a time). */
const attribStep = blankStep();

/** Map one parsed JSON record (or CSV row) to steps, or say why it cannot be used. */
export function importRecord(value: unknown, format: InputFormat, sink: RecordSink): void {
  if (!isRecord(value)) {
    sink.skip(`expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
    return;
  }
  const detected = format === 'auto' ? detectRecordFormat(value) : format;
  if (detected === undefined) {
    sink.skip('not a record of a known format (attrib step, LiteLLM, Langfuse, OTLP, Helicone or Bedrock)');
    return;
  }
  try {
    switch (detected) {
      case 'otel': {
        if (!isOtelRecord(value)) throw new BadRecord('not an OTLP TracesData object (no resourceSpans array)');
        const { steps, skips } = importOtel(value);
        for (const step of steps) sink.step(step, detected);
        for (const reason of skips) sink.skip(reason);
        return;
      }
      case 'attrib':
        sink.step(importAttrib(value, attribStep), detected);
        return;
      default:
        sink.step(SINGLE_STEP[detected](value), detected);
    }
  } catch (error) {
    if (error instanceof BadRecord) sink.skip(error.message);
    else throw error;
  }
}

/**
 * The records inside one whole-file JSON value: an array, an object with a `data` array (Langfuse
 * and LiteLLM APIs), or a single record (an OTLP TracesData).
 */
export function recordsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value.data) && !isOtelRecord(value)) return value.data;
  return [value];
}
