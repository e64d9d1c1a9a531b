/**
 * Minimal edits of a `.shipshape.yaml` made by quick fixes: adding an entry
 * to `trustedRegistries` ("Trust ghcr.io/acme in .shipshape.yaml"). The file
 * is never re-serialised: comments, order and formatting stay as written.
 * Where the edit cannot be made safely (anchors, aliases, a config that does
 * not parse) there is no edit.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';
import { parseImageRef } from '../views/image-ref';

/**
 * The narrowest sensible trust entry for an image: the registry host plus the
 * repository's first path segment (the organisation or project) when the
 * repository has more than one segment, else the host alone.
 * `ghcr.io/acme/api:1.2` -> `ghcr.io/acme`; `quay.io/prometheus/node-exporter` -> `quay.io/prometheus`;
 * `registry.example.com/api` -> `registry.example.com`.
 */
export function trustEntryFor(image: string): string | undefined {
  const ref = parseImageRef(image);
  if (!ref) return undefined;
  const segments = ref.repository.split('/');
  return segments.length > 1 ? `${ref.registry}/${segments[0]}` : ref.registry;
}

/** The text of a new `.shipshape.yaml` that trusts `entry` on top of the defaults. */
export function newConfigTrusting(entry: string, eol = '\n'): string {
  return ['# Shipshape configuration: see docs/configuration.md', 'trustedRegistries:', '  extendDefaults: true', '  registries:', `    - ${quoteConfigScalar(entry)}`, ''].join(eol);
}

/** A registry entry as a YAML plain scalar when it can be one, else double-quoted. */
export function quoteConfigScalar(s: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(s) && !s.includes(': ') ? s : JSON.stringify(s);
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Column of the node at `offset` (spaces before it on its line, `- ` included for sequence items). */
function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Insert `lines` after the line holding `offset`. */
function afterLine(text: string, offset: number, lines: string[], eol: string): TextEdit {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return { start: text.length, end: text.length, text: eol + lines.join(eol) + eol };
  return { start: nl + 1, end: nl + 1, text: lines.join(eol) + eol };
}

function appendToSeq(text: string, seq: YAMLSeq, entry: string, eol: string): TextEdit[] | undefined {
  const items = seq.items;
  if (items.some((i) => isScalar(i) && i.value === entry)) return undefined;
  if (seq.flow) {
    const range = seq.range;
    if (!range) return undefined;
    const close = text.lastIndexOf(']', range[1] - 1);
    if (close < range[0]) return undefined;
    return [{ start: close, end: close, text: items.length > 0 ? `, ${quoteConfigScalar(entry)}` : quoteConfigScalar(entry) }];
  }
  const last = items[items.length - 1];
  if (!isScalar(last) || !last.range) return undefined;
  // The `- ` of an item sits before its value; reuse the indentation of the last item's dash.
  const start = lineStart(text, last.range[0]);
  const dash = text.slice(start, last.range[0]);
  if (!/^[ \t]*-[ \t]+$/.test(dash)) return undefined;
  return [afterLine(text, last.range[1], [`${dash}${quoteConfigScalar(entry)}`], eol)];
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

/**
 * Edits that add `entry` to the trusted registries of an existing config, or
 * undefined when it is already there or the file cannot be edited safely.
 */
export function addTrustedRegistry(text: string, entry: string): TextEdit[] | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || /(^|[\s[{,])[&*][^\s]/.test(text)) return undefined; // broken, or anchors/aliases
  const eol = eolOf(text);
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    // An empty file (or only comments): append the block.
    const sep = text.length > 0 && !text.endsWith('\n') ? eol : '';
    const body = newConfigTrusting(entry, eol).split(eol).slice(1).join(eol);
    return [{ start: text.length, end: text.length, text: sep + body }];
  }
  if (!isMap(root) || root.flow) return undefined;
  const pair = pairOf(root, 'trustedRegistries');
  if (!pair) {
    const sep = text.length > 0 && !text.endsWith('\n') ? eol : '';
    const lines = ['trustedRegistries:', '  extendDefaults: true', '  registries:', `    - ${quoteConfigScalar(entry)}`];
    return [{ start: text.length, end: text.length, text: sep + lines.join(eol) + eol }];
  }
  const value = pair.value;
  if (isSeq(value)) return appendToSeq(text, value, entry, eol);
  if (isMap(value) && !value.flow) {
    const registries = pairOf(value, 'registries');
    if (registries && isSeq(registries.value)) return appendToSeq(text, registries.value, entry, eol);
    if (registries || !isScalar(pair.key) || !pair.key.range || !value.range || value.items.length === 0) return undefined;
    const first = value.items[0] as Pair;
    if (!isScalar(first.key) || !first.key.range) return undefined;
    const indent = ' '.repeat(columnOf(text, first.key.range[0]));
    return [afterLine(text, pair.key.range[1], [`${indent}registries:`, `${indent}  - ${quoteConfigScalar(entry)}`], eol)];
  }
  return undefined;
}
