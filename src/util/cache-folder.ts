import path from 'node:path';

/**
 * `<node_modules>/.cache/attrib` for a file inside a node_modules folder (where babel, eslint and
 * terser keep theirs: owned by whoever installed the packages), or undefined outside one.
 */
export function cacheFolderAbove(file: string): string | undefined {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  return at === -1 ? undefined : path.join(parts.slice(0, at + 1).join(path.sep), '.cache', 'attrib');
}

/** FNV-1a, enough to tell cache keys apart (a cache entry is checked against what it stands for). */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
