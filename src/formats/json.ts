import type { Formatter } from './types.js';

/**
 * Stable JSON: the result objects are built in contract order, so plain JSON.stringify is stable.
 * JSON escapes control characters itself, so hostile strings are safe here.
 */
export const format: Formatter<object> = (result) => `${JSON.stringify(result, null, 2)}\n`;
