/**
 * Every output format is a pure function from a result to a string (eslint's formatter plug-ins).
 * Formatters never touch process state: colour, width and paths arrive in the options.
 */
export interface FormatOptions {
  /** Emit ANSI colour. The command decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
  /** Absolute working directory; output paths are already relative to it. */
  cwd: string;
  /** Terminal width when known. */
  columns?: number;
}

/** `O` is the options a format understands beyond the common ones (e.g. stylish's `readSource`). */
export type Formatter<R, O extends FormatOptions = FormatOptions> = (result: R, options: O) => string;
