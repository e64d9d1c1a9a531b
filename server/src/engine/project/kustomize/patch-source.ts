/**
 * Reading a kustomize patch: its text (a patch file, or an inline scalar of the kustomization),
 * its YAML documents, and the origin of every node of them (the patch file's ranges; for an
 * inline patch, the ranges in the kustomization file the scalar's characters were written at).
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { parseChunk } from '../../parse/yaml';
import { expandAliases } from '../../parse/yaml-document';
import type { Span } from '../../types';
import { Provenance, type Origin, type ProjectPath } from '../types';

export interface PatchText {
  text: string;
  /** The file the text was written in (the patch file, or the kustomization for an inline patch). */
  file: ProjectPath;
  /** The range in `file` of text[start, end). */
  span(start: number, end: number): Span;
}

/** The text of a patch file. */
export function fileText(file: ProjectPath, text: string): PatchText {
  return { text, file, span: (start, end) => ({ start, end }) };
}

/**
 * The text of an inline patch: the scalar's value, with a map from value offsets to offsets in
 * the kustomization (block scalars lose their indentation; folded lines their breaks). When the
 * value cannot be matched character by character with the source, every range is the scalar's.
 */
export function inlineText(scalar: Scalar, kustomization: ProjectPath, source: string | undefined): PatchText {
  const text = scalar.value === null || scalar.value === undefined ? '' : String(scalar.value);
  const range = scalar.range;
  const whole: Span = range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
  const offsets = range && source !== undefined ? mapScalar(scalar, text, source, range[0], range[1]) : undefined;
  if (!offsets) return { text, file: kustomization, span: () => whole };
  const at = (i: number): number => offsets[Math.max(0, Math.min(i, offsets.length - 1))]!;
  return {
    text,
    file: kustomization,
    span: (start, end) => (end > start ? { start: at(start), end: at(end - 1) + 1 } : { start: at(start), end: at(start) }),
  };
}

/** offsets[i]: where value character i was written (offsets[value.length]: just after the last one). */
function mapScalar(scalar: Scalar, value: string, source: string, start: number, end: number): number[] | undefined {
  if (scalar.type === 'PLAIN' || scalar.type === 'QUOTE_SINGLE' || scalar.type === 'QUOTE_DOUBLE') {
    const q = scalar.type === 'PLAIN' ? 0 : 1;
    if (source.slice(start + q, end - q) !== value) return undefined;
    return Array.from({ length: value.length + 1 }, (_, i) => start + q + i);
  }
  // Block scalar: the content starts on the line after the header (`|-`, `>`, ...).
  const header = source.indexOf('\n', start);
  if (header < 0 || header >= end) return undefined;
  let j = header + 1;
  let indent = 0;
  const explicit = /^[|>][+-]?([1-9])/.exec(source.slice(start, header));
  if (explicit) {
    // The indicator counts from the parent node's indentation: a list item's is its `-` column,
    // a map value's its key's column (a key after `- ` is indented by it).
    const prefix = source.slice(source.lastIndexOf('\n', start) + 1, start);
    const item = /^([ ]*(?:-[ ]+)*)-[ ]+$/.exec(prefix);
    const parent = item ? item[1]!.length : /^[ ]*(?:-[ ]+)*/.exec(prefix)![0].length;
    indent = parent + Number(explicit[1]);
  }
  else {
    // The first non-empty content line sets the indentation.
    for (let k = j; k < end; ) {
      let n = 0;
      while (source[k + n] === ' ') n++;
      if (source[k + n] !== '\n' && source[k + n] !== '\r') {
        indent = n;
        break;
      }
      k = source.indexOf('\n', k) + 1;
      if (k === 0) break;
    }
  }
  const folded = scalar.type === 'BLOCK_FOLDED';
  const out: number[] = [];
  let lineStart = true;
  for (let i = 0; i < value.length; ) {
    if (j >= source.length) return undefined;
    if (lineStart) {
      for (let n = 0; n < indent && source[j] === ' '; n++) j++;
      lineStart = false;
      continue;
    }
    const f = source[j]!;
    const v = value[i]!;
    if (f === '\r') {
      j++;
      continue;
    }
    if (f === '\n') {
      if (v === '\n' || (folded && v === ' ')) out[i++] = j;
      else if (!folded) return undefined;
      j++;
      lineStart = true;
      continue;
    }
    if (f !== v) return undefined;
    out[i++] = j++;
  }
  out[value.length] = value.length > 0 ? out[value.length - 1]! + 1 : j;
  return out;
}

export interface PatchDocuments {
  /** The non-empty documents' contents. */
  nodes: Node[];
  /** Origins of every node of `nodes`. */
  provenance: Provenance;
  /** The first YAML error, at its range in the file. */
  error?: { message: string; span: Span };
}

/** Parses the patch's documents (scalars as kustomize's kyaml reads them, YAML 1.2, like the resources) and records every node's origin. */
export function readPatchDocuments(patch: PatchText, via: string, appliedBy?: Origin['appliedBy']): PatchDocuments {
  const provenance = new Provenance();
  const { docs, crash } = parseChunk(patch.text);
  if (crash) return { nodes: [], provenance, error: { message: crash, span: patch.span(0, 0) } };
  const nodes: Node[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const [s, e] = err.pos;
      return { nodes: [], provenance, error: { message: err.message.split('\n')[0]!, span: patch.span(s, Math.max(s, e)) } };
    }
    const contents = expandAliases(doc.contents, doc) as Node | null;
    if (!contents || (isScalar(contents) && (contents.value === null || contents.value === ''))) continue;
    record(contents, undefined, patch, { via, ...(appliedBy ? { appliedBy } : {}) }, provenance);
    nodes.push(contents);
  }
  return { nodes, provenance };
}

function record(node: unknown, key: unknown, patch: PatchText, how: Pick<Origin, 'via' | 'appliedBy'>, provenance: Provenance): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (n.range) {
    const origin: Origin = { file: patch.file, span: patch.span(n.range[0], n.range[1]), ...how };
    const keyRange = isScalar(key) ? key.range : undefined;
    if (keyRange) origin.keySpan = patch.span(keyRange[0], keyRange[1]);
    provenance.set(n, origin);
  }
  if (isMap(n)) {
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      record(pair.key, undefined, patch, how, provenance);
      record(pair.value, pair.key, patch, how, provenance);
    }
  } else if (isSeq(n)) for (const item of n.items) record(item, undefined, patch, how, provenance);
}
