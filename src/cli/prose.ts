/**
 * Help text written as wrapped paragraphs in the source, unwrapped for oclif, which wraps it again to
 * the terminal's width: without this, every source line break shows as a ragged short line.
 * Blank lines still separate paragraphs; a line starting with two spaces or `-` keeps its break.
 */
export function prose(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values);
  return text.replace(/([^\n])\n(?![\n]| {2}|- )/g, '$1 ');
}
