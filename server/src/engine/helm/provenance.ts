/**
 * Provenance of rendered Helm manifests: each node of a rendered document gets the template position that wrote it
 * (from the render's output segments) and, when the text came from an action that read values (`.Values.a.b`,
 * `toYaml .Values.x`, through include/dict/tpl as long as the value read is a values map entry), the values file
 * and line of that value (from the values positions). Nodes whose value came from values get that origin, with the
 * template line as `renderedAt`; the others get the template origin.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import { Provenance, type BuiltObject, type Origin, type ProjectPath } from '../project/types';
import type { FieldRead, OutputSegment } from './limits';
import type { GoValue, ValuePositions } from './values';

export interface RenderedFile {
  /** Project path of the template file. */
  file: ProjectPath;
  output: string;
  segments: readonly OutputSegment[];
}

export interface ProvenanceContext {
  positions: ValuePositions;
  /** A chart-relative file name (template or values file) -> project path. */
  pathOf(file: string): ProjectPath;
  readText(path: ProjectPath): string | undefined;
}

/** The last segment starting at or before `o` (segments are in output order). */
function segmentAt(segments: readonly OutputSegment[], o: number): OutputSegment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  let found: OutputSegment | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.out <= o) {
      found = segments[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The end of the scalar token starting at `at` on its line (before a comment or the line end). */
function tokenEnd(text: string, at: number): number {
  let e = at;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r' && !(text[e] === '#' && e > at && /\s/.test(text[e - 1]!))) e++;
  while (e > at && /\s/.test(text[e - 1]!)) e--;
  return Math.max(e, at + 1);
}

const samePrimitive = (v: GoValue, node: Node): boolean => {
  if (!isScalar(node)) return false;
  const x = node.value;
  if (typeof v === 'number' || typeof v === 'bigint') return typeof x === 'number' ? Number(v) === x : String(v) === String(x);
  return v === x || (typeof v === 'string' && String(x) === v);
};

/** Walks a values map or list along `path`; the container and key of the last step when the whole path exists. */
function walk(root: GoValue, path: readonly (string | number)[]): { map: object; key: string | number; value: GoValue } | undefined {
  let cur: GoValue = root;
  let last: { map: object; key: string | number; value: GoValue } | undefined;
  for (const k of path) {
    if (cur instanceof Map && typeof k === 'string' && cur.has(k)) last = { map: cur, key: k, value: cur.get(k) };
    else if (Array.isArray(cur) && typeof k === 'number' && k < cur.length) last = { map: cur, key: k, value: cur[k] };
    else return undefined;
    cur = last.value;
  }
  return last;
}

/** Where in a values file the value at `path` (node path in the rendered document) came from, given an action's reads. */
function valueOrigin(reads: readonly FieldRead[], path: readonly (string | number)[], node: Node, ctx: ProvenanceContext): Origin | undefined {
  const at = (container: object, key: string | number): Origin | undefined => {
    const pos = ctx.positions.get(container)?.entries.get(key);
    if (!pos) return undefined;
    const file = ctx.pathOf(pos.file);
    const text = ctx.readText(file) ?? '';
    return { file, span: { start: pos.offset, end: isScalar(node) ? tokenEnd(text, pos.offset) : pos.offset + 1 }, via: 'values' };
  };
  const collection = isMap(node) || isSeq(node);
  for (let i = reads.length - 1; i >= 0; i--) {
    const r = reads[i]!;
    const v = r.map.get(r.key);
    if (!collection && samePrimitive(v, node)) return at(r.map, r.key);
    if (v instanceof Map || Array.isArray(v)) {
      for (let j = 0; j < path.length; j++) {
        const w = walk(v, path.slice(j));
        if (!w) continue;
        const fits = collection ? w.value instanceof Map || Array.isArray(w.value) : samePrimitive(w.value, node);
        if (fits) return at(w.map, w.key);
        break;
      }
      if (collection && path.length > 0 && (isMap(node) || isSeq(node)) && i === reads.length - 1) return at(r.map, r.key);
    }
  }
  return undefined;
}

/** The objects of one rendered template, with provenance. Documents that are not maps (or do not parse) are skipped. */
/** Where the template wrote the output text at `o` (`len` long): the text's own place, or the action that printed it. */
export function outputOrigin(rendered: RenderedFile, templateText: string, ctx: Pick<ProvenanceContext, 'pathOf' | 'readText'>, o: number, len: number): Origin {
  const seg = segmentAt(rendered.segments, o);
  if (!seg) return { file: rendered.file, span: { start: 0, end: 1 } };
  const file = seg.file === '' ? rendered.file : ctx.pathOf(seg.file);
  const text = file === rendered.file ? templateText : (ctx.readText(file) ?? '');
  if (seg.reads) return { file, span: { start: seg.src, end: tokenEnd(text, seg.src) }, via: 'template' };
  const start = seg.src + (o - seg.out);
  return { file, span: { start, end: start + Math.max(1, len) } };
}

export function renderedObjects(rendered: RenderedFile, templateText: string, ctx: ProvenanceContext): { objects: BuiltObject[]; errors: { file: ProjectPath; offset: number; message: string }[] } {
  const objects: BuiltObject[] = [];
  const errors: { file: ProjectPath; offset: number; message: string }[] = [];
  const { output, segments } = rendered;
  const templateOrigin = (o: number, len: number): Origin => outputOrigin(rendered, templateText, ctx, o, len);
  for (const doc of parseAllDocuments(output, { version: '1.1', uniqueKeys: false })) {
    if (!('contents' in doc)) continue;
    if (doc.errors.length > 0) {
      // Where the template wrote the text the error is in.
      const at = templateOrigin(doc.errors[0]!.pos[0], 1);
      errors.push({ file: at.file, offset: at.span.start, message: doc.errors[0]!.message });
      continue;
    }
    const root = doc.contents;
    if (!isMap(root)) continue;
    const provenance = new Provenance();
    const assign = (node: Node, path: (string | number)[], keyNode?: Node): void => {
      const r = node.range;
      if (!r) return;
      const tmpl = templateOrigin(r[0], r[1] - r[0]);
      const seg = segmentAt(segments, r[0]);
      const fromValues = seg?.reads && seg.reads.length > 0 ? valueOrigin(seg.reads, path, node, ctx) : undefined;
      const keyOrigin = keyNode?.range ? templateOrigin(keyNode.range[0], keyNode.range[1] - keyNode.range[0]) : undefined;
      const keyFromText = keyOrigin && keyOrigin.via !== 'template' ? { keySpan: keyOrigin.span } : {};
      const origin: Origin = fromValues
        ? { ...fromValues, renderedAt: { file: tmpl.file, span: tmpl.span } }
        : { ...tmpl, ...(keyOrigin && keyOrigin.file === tmpl.file ? keyFromText : {}) };
      provenance.set(node, origin);
      if (keyNode && !fromValues && keyOrigin) provenance.set(keyNode, keyOrigin);
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair) || !isScalar(pair.key)) continue;
          const k = String(pair.key.value);
          if (pair.value && typeof pair.value === 'object') assign(pair.value as Node, [...path, k], pair.key);
          else if (pair.key.range) provenance.set(pair.key, templateOrigin(pair.key.range[0], 1));
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          if (item && typeof item === 'object') assign(item as Node, [...path, i]);
        });
      }
    };
    assign(root, []);
    const span = { start: root.range?.[0] ?? 0, end: (root.range?.[0] ?? 0) + 1 };
    objects.push({ node: root as YAMLMap, provenance, source: { file: rendered.file, span: templateOrigin(span.start, 1).span } });
  }
  return { objects, errors };
}
