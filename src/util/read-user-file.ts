import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './errors.js';
import { displayPath } from './paths.js';
import { decodeText } from './text.js';

/**
 * Every file attrib reads because a user or a repository named it (source files, .gitignore,
 * tsconfig.json, the taxonomy, pricing, baseline and invoice files, usage logs) goes through here.
 * A repository is untrusted input in CI: `src/a.ts -> /dev/zero` must not be read forever and a FIFO
 * must not block the run. So a file is opened non-blocking, checked to be a regular file on the open
 * descriptor (no race with a swapped path), and read with the cap counted in bytes actually read,
 * never trusting the size stat() reported (a file can grow, /proc files report 0).
 */

/** Why a file could not be read: the reason decides the message and what the caller does (lint skips, others exit 2). */
export type UnreadableReason = 'not-found' | 'folder' | 'special' | 'too-large' | 'io';

export class UnreadableFile extends Error {
  override readonly name = 'UnreadableFile';
  constructor(
    readonly reason: UnreadableReason,
    /** What the problem is, without the file name: `is a FIFO, not a regular file`. */
    readonly problem: string,
    /** For `too-large`: stat's size, or the bytes read when the cap was passed. */
    readonly size?: number,
    /** For `io`: the error code (EACCES...). */
    readonly code?: string,
  ) {
    super(problem);
  }
}

/** Files no one means as a config or source file: 64 MiB unless the caller says less. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** O_NONBLOCK where the platform has it: opening a FIFO then returns at once instead of waiting for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

/** What a non-regular file is, in words: `a FIFO (named pipe)`. */
export function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function checkRegular(info: Stats, maxBytes: number): void {
  if (info.isDirectory()) throw new UnreadableFile('folder', 'is a folder');
  if (!info.isFile()) throw new UnreadableFile('special', `is ${kindOf(info)}, not a regular file`);
  if (info.size > maxBytes) throw new UnreadableFile('too-large', `is ${info.size} bytes; attrib reads at most ${maxBytes}`, info.size);
}

/** Past the cap while reading: the file grew, or stat() did not tell its size (devices, /proc). */
const grewTooLarge = (read: number, maxBytes: number) => new UnreadableFile('too-large', `holds more than ${maxBytes} bytes; attrib reads at most ${maxBytes}`, read);

function openFailed(error: unknown): UnreadableFile {
  if (error instanceof UnreadableFile) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UnreadableFile('not-found', 'not found');
  if (code === 'EISDIR') return new UnreadableFile('folder', 'is a folder');
  if (code === 'ELOOP') return new UnreadableFile('io', 'is a symbolic link loop');
  const detail = code ?? (error as Error).message;
  return new UnreadableFile('io', `cannot be read: ${detail}`, undefined, detail);
}

/**
 * Open a regular file for reading, or throw UnreadableFile. The stream reader of usage logs uses this
 * (then `handle.createReadStream()`, counting what it reads) so it shares the checks.
 */
export async function openRegularFile(file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<FileHandle> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, OPEN_FLAGS);
    checkRegular(await handle.stat(), maxBytes);
    return handle;
  } catch (error) {
    await handle?.close();
    throw openFailed(error);
  }
}

/** The bytes of a regular file of at most `maxBytes` bytes (counted as read), or UnreadableFile. */
export async function readRegularFile(file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Buffer> {
  const handle = await openRegularFile(file, maxBytes);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw grewTooLarge(total, maxBytes);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    throw openFailed(error);
  } finally {
    await handle.close();
  }
}

/** readRegularFile for the synchronous paths of lint (source files, .gitignore, tsconfig.json). */
export function readRegularFileSync(file: string, maxBytes = DEFAULT_MAX_BYTES): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(file, OPEN_FLAGS);
    checkRegular(fstatSync(fd), maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const bytesRead = readSync(fd, buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw grewTooLarge(total, maxBytes);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    throw openFailed(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface UserFile {
  /** Absolute path. */
  file: string;
  /** The path as messages show it (relative to cwd). */
  shown: string;
  text: string;
}

/**
 * Read a file the user named (taxonomy, pricing, baseline, invoice): every way it can fail becomes a
 * ConfigError (exit 2) naming `what` and the path, with `hint` saying what to do next. UTF-16 with a
 * byte-order mark is decoded (see decodeText).
 */
export async function readUserFile(
  given: string,
  options: { cwd: string; what: string; hint: string; maxBytes?: number },
): Promise<UserFile> {
  const file = path.resolve(options.cwd, given);
  const shown = displayPath(file, options.cwd);
  try {
    return { file, shown, text: decodeText(await readRegularFile(file, options.maxBytes)) };
  } catch (error) {
    throw userFileError(error, options.what, shown, options.hint);
  }
}

/** The ConfigError for a user file that could not be read. */
export function userFileError(error: unknown, what: string, shown: string, hint: string): ConfigError {
  const e = openFailed(error);
  switch (e.reason) {
    case 'not-found':
      return new ConfigError(`${what} not found: ${shown}`, hint);
    case 'folder':
      return new ConfigError(`${shown} is a folder, not a ${what}`, hint);
    case 'io':
      return new ConfigError(`cannot read ${what} ${shown}: ${e.code}`, hint);
    default:
      return new ConfigError(`${what} ${shown} ${e.problem}`, hint);
  }
}
