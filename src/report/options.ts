/** Names the command's flags offer: kept apart from the core so `--help` loads nothing else. */
import type { Gate } from './types.js';

/** `--fail-on` gates. */
export const GATES: readonly Gate[] = ['over-budget', 'hard-cap', 'global-cap', 'unattributed', 'projected-over'];

/** `--input-format` values; `auto` detects per record. */
export const INPUT_FORMATS = ['auto', 'attrib', 'litellm', 'litellm-payload', 'langfuse', 'otel', 'helicone', 'bedrock'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
