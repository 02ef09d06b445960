/**
 * Errors the core throws for problems the user must fix before attrib can do its job
 * (missing or unreadable file, bad flag value, invalid taxonomy). Commands turn them into exit code 2
 * and print `message` (which says what is wrong, where, and what to do next).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** What the user can do about it, printed on its own line. */
    readonly hint?: string,
  ) {
    super(message);
  }
}
