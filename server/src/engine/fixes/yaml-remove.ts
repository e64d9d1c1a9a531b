/** Removal edits (a key with its lines, a sequence item); part of the builders API of yaml-edit.ts, see there. */
import { isPair, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { column, lineStart, nextLineStart, restIsTrivia } from './text-lines';
import { editorFor, type AnyDoc, type YamlEditor } from './yaml-editor';
import { contentEnd, hasAnchor, keyEnd, range, simpleFlow, walk } from './yaml-nodes';
import type { TextEdit } from '../types';

/**
 * Remove the key at `path` under `map`, with its whole lines (a trailing
 * comment on the same line goes with it; comment lines above or below stay).
 * A block map left empty becomes `{}` after its key.
 */
export function removeIn(doc: AnyDoc, text: string, map: YAMLMap, path: readonly string[]): TextEdit[] | undefined {
  try {
    if (path.length === 0) return undefined;
    const ed = editorFor(doc, text);
    const w = walk(ed, map, path);
    if (!w || w.found !== path.length || !w.pair) return undefined;
    // Removing a key that a merge also provides would bring the merged value in.
    if (ed.mergeRecord(w.map)?.provided.has(path[path.length - 1]!)) return undefined;
    return removePairEdits(ed, w.map, w.pair);
  } catch {
    return undefined;
  }
}

function removePairEdits(ed: YamlEditor, map: YAMLMap, pair: Pair): TextEdit[] | undefined {
  const { text } = ed;
  if (hasAnchor(ed, pair)) return undefined;
  const items = ed.writtenItems(map);
  const kr = range(pair.key);
  const end = contentEnd(ed, pair);
  if (!kr || end === undefined) return undefined;
  const index = items.indexOf(pair);
  if (index < 0) return undefined;
  if (map.flow) {
    if (!simpleFlow(text, map)) return undefined;
    if (items.length === 1) {
      const r = range(map)!;
      return [{ start: r[0], end: r[1], text: '{}' }];
    }
    if (index < items.length - 1) {
      const next = range((items[index + 1] as Pair).key);
      return next ? [{ start: kr[0], end: next[0], text: '' }] : undefined;
    }
    const prevEnd = contentEnd(ed, items[index - 1]);
    return prevEnd === undefined ? undefined : [{ start: prevEnd, end, text: '' }];
  }
  const ls = lineStart(text, kr[0]);
  const before = text.slice(ls, kr[0]);
  const lineEnd = nextLineStart(text, end);
  if (!restIsTrivia(text, end)) return undefined;
  if (items.length === 1) return emptyMapEdits(ed, map, pair, ls, kr[0], end, lineEnd);
  if (/^ *$/.test(before)) return [{ start: ls, end: lineEnd, text: '' }];
  if (/^ *(- +)+$/.test(before) && index === 0) {
    // First key of a sequence item (`- hostPort: 80`): the next key moves up after the dash.
    const next = range((items[1] as Pair).key);
    if (!next || text.slice(lineEnd, next[0]).trim() !== '' || column(text, next[0]) !== column(text, kr[0])) return undefined;
    return [{ start: kr[0], end: next[0], text: '' }];
  }
  return undefined;
}

/** Removing the only entry of a block map: the map becomes `{}`. */
function emptyMapEdits(ed: YamlEditor, map: YAMLMap, pair: Pair, ls: number, keyStart: number, end: number, lineEnd: number): TextEdit[] | undefined {
  const { text } = ed;
  const parent = ed.parentOf(map);
  if (isPair(parent)) {
    // `securityContext:\n  procMount: Unmasked` -> `securityContext: {}`
    const after = keyEnd(text, parent);
    if (after === undefined || !restIsTrivia(text, after) || text.slice(ls, keyStart).trim() !== '') return undefined;
    const between = text.slice(nextLineStart(text, after), ls);
    if (between.trim() !== '' && !/^(\s*#.*\n)*\s*$/.test(between)) return undefined;
    return [
      { start: after, end: after, text: ' {}' },
      { start: ls, end: lineEnd, text: '' },
    ];
  }
  // A sequence item or the document's root: `{}` in place of the entry.
  if (!isPair(pair)) return undefined;
  return [{ start: keyStart, end, text: '{}' }];
}

/** Remove one item of a sequence (its whole lines; a sequence left empty becomes `[]`). */
export function removeSeqItem(doc: AnyDoc, text: string, seq: YAMLSeq, item: unknown): TextEdit[] | undefined {
  try {
    const ed = editorFor(doc, text);
    if (!ed.unanchoredChain(seq) || hasAnchor(ed, item)) return undefined;
    const index = seq.items.indexOf(item as never);
    const r = range(item);
    const end = contentEnd(ed, item);
    if (index < 0 || !r || end === undefined) return undefined;
    if (seq.flow) {
      if (!simpleFlow(text, seq)) return undefined;
      if (seq.items.length === 1) {
        const sr = range(seq)!;
        return [{ start: sr[0], end: sr[1], text: '[]' }];
      }
      if (index < seq.items.length - 1) {
        const next = range(seq.items[index + 1]);
        return next ? [{ start: r[0], end: next[0], text: '' }] : undefined;
      }
      const prevEnd = contentEnd(ed, seq.items[index - 1]);
      return prevEnd === undefined ? undefined : [{ start: prevEnd, end, text: '' }];
    }
    const ls = lineStart(text, r[0]);
    if (!/^ *- +$/.test(text.slice(ls, r[0])) || !restIsTrivia(text, end)) return undefined;
    const lineEnd = nextLineStart(text, end);
    if (seq.items.length > 1) return [{ start: ls, end: lineEnd, text: '' }];
    const parent = ed.parentOf(seq);
    if (!isPair(parent)) return undefined;
    const after = keyEnd(text, parent);
    if (after === undefined || !restIsTrivia(text, after)) return undefined;
    const between = text.slice(nextLineStart(text, after), ls);
    if (between.trim() !== '' && !/^(\s*#.*\n)*\s*$/.test(between)) return undefined;
    return [
      { start: after, end: after, text: ' []' },
      { start: ls, end: lineEnd, text: '' },
    ];
  } catch {
    return undefined;
  }
}
