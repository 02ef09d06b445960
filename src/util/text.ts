/**
 * The text of a file read as bytes. UTF-8 is the norm; files saved by Windows editors are often
 * UTF-16 with a byte-order mark, which reading them as UTF-8 would turn into NUL-riddled noise
 * (and silently hide their contents).
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return bytes.toString('utf8');
}
