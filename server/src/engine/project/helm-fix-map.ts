/**
 * A rendered chart's fixes, moved to the file the finding is reported in (helm-lint.ts). An edit of the rendered text
 * is kept only when it maps exactly:
 * - it replaces a scalar whose value a values file wrote: the same replacement at the values file's scalar;
 * - it replaces text copied from the template unchanged (a literal): the same replacement there;
 * - it inserts keys into a map that a values file wrote (a `toYaml .Values.x` block): the keys, re-indented, after the
 *   last entry of that values map.
 * A fix with any edit that does not map is dropped (no fix rather than a risky one); its kind is kept, so a setting
 * the author wrote changes only through a suggestion.
 */
import { isMap, isNode, parseDocument, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { findingFixes, type Fix, type LazyFixes, type TextEdit } from '../types';
import type { BuiltOrigin, FixMapper } from './map-findings';
import type { ProjectPath } from './types';

const columnOf = (text: string, offset: number): number => offset - (text.lastIndexOf('\n', offset - 1) + 1);

/** Inserted keys re-indented for a values map: the lines' common indentation becomes `indent`. */
function reindent(insert: string, indent: number): string | undefined {
  const lines = insert.split('\n');
  const used = lines.filter((l) => l.trim() !== '');
  if (used.length === 0) return undefined;
  const min = Math.min(...used.map((l) => l.length - l.trimStart().length));
  return lines.map((l) => (l.trim() === '' ? l : ' '.repeat(indent) + l.slice(min))).join('\n');
}

function mapEdit(e: TextEdit, originAt: (o: number) => BuiltOrigin | undefined, file: ProjectPath, built: string, readText: (p: ProjectPath) => string | undefined): TextEdit | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  if (e.end > e.start) {
    const o = originAt(e.start);
    if (!o?.own || o.origin.file !== file) return undefined;
    const r = o.scalarRange;
    const wanted = built.slice(e.start, e.end);
    if (o.origin.via === 'values') {
      if (!r || r[0] !== e.start || r[1] !== e.end) return undefined;
      return { start: o.origin.span.start, end: o.origin.span.end, text: e.text };
    }
    // A literal of the template: the characters there must be the rendered ones.
    if (o.origin.via === 'template' || !r) return undefined;
    const from = o.origin.span.start + (e.start - r[0]);
    if (text.slice(from, from + wanted.length) !== wanted) return undefined;
    return { start: from, end: from + wanted.length, text: e.text };
  }
  // An insertion into a map the values file wrote whole (a toYaml block): the keys go after its last entry there.
  const target = insertionMap(built, e);
  if (!target || target.items.length === 0) return undefined;
  const at = (p: Pair): ValuesEntry | undefined => {
    const v = p.value as Node | null;
    const o = isNode(v) && v.range ? originAt(v.range[0]) : undefined;
    return o?.own && o.origin.via === 'values' && o.origin.file === file ? { offset: o.origin.span.start } : undefined;
  };
  const first = at(target.items[0] as Pair);
  const container = first && containerMapOf(text, first.offset);
  if (!container || container.items.length !== target.items.length) return undefined;
  const lastBuilt = at(target.items[target.items.length - 1] as Pair);
  const last = container.items[container.items.length - 1];
  const lastNode = (last?.value ?? last?.key) as Node | null | undefined;
  if (!lastBuilt || !isNode(lastNode) || !lastNode.range || !isNode(last?.value) || (last.value as Node).range![0] !== lastBuilt.offset) return undefined;
  const indent = columnOf(text, container.range![0]);
  const body = reindent(trimNewlines(e.text), indent);
  if (body === undefined) return undefined;
  const end = lastNode.range[1];
  return { start: end, end, text: `${text[end - 1] === '\n' ? '' : '\n'}${body}${text[end - 1] === '\n' ? '\n' : ''}` };
}

/** The text without its leading and trailing line breaks (a loop: `/\n+$/` is quadratic on many line breaks). */
function trimNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '\n') start++;
  while (end > start && text[end - 1] === '\n') end--;
  return text.slice(start, end);
}

interface ValuesEntry {
  offset: number;
}

/** The block map of the serialised text an insertion adds keys to: the innermost one holding the insertion point whose keys stand at the inserted keys' column. */
function insertionMap(built: string, e: TextEdit): YAMLMap | undefined {
  const firstLine = e.text.replace(/^\n+/, '').split('\n')[0] ?? '';
  const lineStart = built.lastIndexOf('\n', e.start - 1) + 1;
  const column = e.text.startsWith('\n') ? firstLine.length - firstLine.trimStart().length : e.start - lineStart + (firstLine.length - firstLine.trimStart().length);
  const doc = parseDocument(built, { version: '1.1', uniqueKeys: false });
  let best: YAMLMap | undefined;
  visit(doc, {
    Map(_, node) {
      const r = node.range;
      const k = node.items[0]?.key as Node | null | undefined;
      if (!r || node.flow || !isNode(k) || !k.range || r[0] > e.start - 1 || e.start - 1 >= Math.max(r[1], r[0] + 1)) return;
      if (columnOf(built, k.range[0]) === column) best = node;
    },
  });
  return best;
}

/** The innermost block map of a values file whose entries hold `offset`. */
function containerMapOf(text: string, offset: number): YAMLMap | undefined {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  let best: YAMLMap | undefined;
  visit(doc, {
    Map(_, node) {
      const r = node.range;
      if (r && !node.flow && r[0] <= offset && offset < r[1] && node.items.some((p) => isNode(p.value) && p.value.range?.[0] === offset)) best = node;
    },
  });
  return best && isMap(best) ? best : undefined;
}

/** The FixMapper for a chart's findings. */
export function mapHelmFixes(readText: (p: ProjectPath) => string | undefined): FixMapper {
  return (finding, originAt, file, built): LazyFixes | undefined => {
    let made: readonly Fix[] | undefined;
    return () => {
      if (made) return made;
      const out: Fix[] = [];
      for (const fix of findingFixes(finding)) {
        const edits = fix.edits.map((e) => mapEdit(e, originAt, file, built, readText));
        if (edits.length > 0 && edits.every((x) => x !== undefined)) out.push({ ...fix, edits: edits as TextEdit[] });
      }
      return (made = out);
    };
  };
}
