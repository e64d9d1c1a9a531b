/** The indentation style of a YAML text, so new lines look like the file's own. */
import { blockOpener } from './block-opener';

/**
 * Detect the indentation unit and the block sequence style from lines that
 * open a block (`key:` alone on its line) and the first content line after them.
 */
export function detectStyle(text: string): { unit: number; indentSeq: boolean } {
  const lines = text.split('\n');
  const units = new Map<number, number>();
  let indented = 0;
  let flat = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = blockOpener(lines[i]!); // `key:` alone on its line (linear; see block-opener.ts)
    if (!m) continue;
    const keyCol = m.indent + m.markers;
    let j = i + 1;
    while (j < lines.length && /^[ \t]*(#.*)?\r?$/.test(lines[j]!)) j++;
    if (j >= lines.length) break;
    const next = lines[j]!;
    const col = next.length - next.trimStart().length;
    const isSeqLine = /^ *-(?:[ \t]|\r?$)/.test(next);
    if (isSeqLine) {
      if (col === keyCol) flat++;
      else if (col > keyCol) {
        indented++;
        units.set(col - keyCol, (units.get(col - keyCol) ?? 0) + 1);
      }
    } else if (col > keyCol && col - keyCol <= 8) {
      units.set(col - keyCol, (units.get(col - keyCol) ?? 0) + 1);
    }
  }
  let unit = 2;
  let best = 0;
  for (const [u, n] of units) if (n > best || (n === best && u < unit)) [unit, best] = [u, n];
  return { unit, indentSeq: indented >= flat };
}

/** Style facts of a text (for callers that write new text of their own, e.g. suppression comments). */
export function yamlStyle(text: string): { unit: number; indentSequences: boolean; eol: string } {
  const s = detectStyle(text);
  return { unit: s.unit, indentSequences: s.indentSeq, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
