/** Line and column arithmetic on a text, for the YAML edit builders. */

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break ending the line that holds `offset` (text length at the last line). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export const spaces = (n: number): string => ' '.repeat(n);

/** The rest of the line after `offset` is blank or a comment. */
export function restIsTrivia(text: string, offset: number): boolean {
  const end = text.indexOf('\n', offset);
  return /^[ \t]*(#.*)?\r?$/.test(text.slice(offset, end < 0 ? text.length : end));
}
