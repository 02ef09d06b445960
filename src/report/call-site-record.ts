import { BadRecord, objectField, preview } from './step.js';

/** One of the app's frames a step record names (schemas/step-record.schema.json `call_site.frames`). */
export interface RecordedFrame {
  file: string;
  line: number;
  column: number;
}

/** A step record's `call_site`: the lint callSiteId the code named, or the app's frames, innermost first. */
export interface RecordedCallSite {
  id: string | null;
  frames: RecordedFrame[];
}

const MAX_FRAMES = 8;
const MAX_ID = 500;
const MAX_FILE = 1000;

/**
 * A record's `call_site` (an object, or its JSON text in CSV) as one canonical key string, so the
 * store interns each call site once and the report decodes only the distinct ones. Null when the
 * record has none. Malformed: the record is skipped with the reason (as for any other bad field).
 */
export function callSiteKey(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const obj = objectField(value);
  if (obj === undefined) throw new BadRecord(`call_site must be an object {id, frames}, not ${preview(value)}`);
  const id = obj.id ?? null;
  if (id !== null && (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID)) throw new BadRecord(`call_site.id must be a callSiteId (1 to ${MAX_ID} characters) or null, not ${preview(id)}`);
  const frames = obj.frames ?? [];
  if (!Array.isArray(frames) || frames.length > MAX_FRAMES) throw new BadRecord(`call_site.frames must be a list of at most ${MAX_FRAMES} frames, not ${preview(frames)}`);
  const key: unknown[] = [id];
  for (const frame of frames as unknown[]) {
    const f = objectField(frame);
    const file = f?.file;
    const line = f?.line;
    const column = f?.column;
    if (typeof file !== 'string' || file.length === 0 || file.length > MAX_FILE || !isPosition(line) || !isPosition(column)) {
      throw new BadRecord(`call_site.frames entries need file (text), line and column (whole numbers from 1), not ${preview(frame)}`);
    }
    key.push(file, line, column);
  }
  if (id === null && key.length === 1) return null;
  return JSON.stringify(key);
}

const isPosition = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 0x7fffffff;

/** The call site a key from `callSiteKey` stands for. */
export function decodeCallSiteKey(key: string): RecordedCallSite {
  const [id, ...rest] = JSON.parse(key) as [string | null, ...(string | number)[]];
  const frames: RecordedFrame[] = [];
  for (let i = 0; i + 2 < rest.length; i += 3) frames.push({ file: rest[i] as string, line: rest[i + 1] as number, column: rest[i + 2] as number });
  return { id, frames };
}
