/**
 * Reading the value syntaxes of a compose file the way Docker Compose
 * (compose-go) reads them: YAML merge keys (`<<: *defaults`), short volume
 * specs (`src:dst[:mode]`, Windows drive letters included), `security_opt`
 * entries (`seccomp=unconfined` and the legacy `seccomp:unconfined`) and
 * booleans. Total: anything unexpected reads as "absent".
 */
import { isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../types';
import { asMap, deref, getPair, nodeSpan } from './yaml-node';

type Doc = Document.Parsed | Document;

/** Merge sources followed at most this deep, and at most this many in all (alias bombs stay cheap). */
const MAX_MERGE_DEPTH = 8;
const MAX_MERGE_SOURCES = 64;

/** `<<` as a plain key (YAML 1.2, the default) or the merge symbol (documents with `%YAML 1.1`). */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

/** The maps a map merges in with `<<`, in priority order. */
function mergeSources(map: YAMLMap, doc: Doc): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const item of map.items) {
    if (!isPair(item) || !isMergeKey(item.key)) continue;
    const value = deref(item.value, doc);
    const sources = isSeq(value) ? value.items : [value];
    for (const s of sources) {
      const m = asMap(s, doc);
      if (m) out.push(m);
    }
  }
  return out;
}

/**
 * The pair for `key` in `map` as Compose sees it: the map's own key first,
 * then the maps merged in with `<<: *anchor` (the first source wins).
 */
export function lookupPair(map: YAMLMap | undefined, key: string, doc: Doc): Pair<Node, Node> | undefined {
  let budget = MAX_MERGE_SOURCES;
  const find = (m: YAMLMap, depth: number): Pair<Node, Node> | undefined => {
    const own = getPair(m, key);
    if (own || depth >= MAX_MERGE_DEPTH) return own;
    for (const source of mergeSources(m, doc)) {
      if (--budget < 0) return undefined;
      const found = find(source, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return map ? find(map, 0) : undefined;
}

/** Walk a path of keys with merge keys honoured at every level. */
export function lookupPath(map: YAMLMap | undefined, path: readonly string[], doc: Doc): Pair<Node, Node> | undefined {
  let cur = map;
  let pair: Pair<Node, Node> | undefined;
  for (const key of path) {
    if (!cur) return undefined;
    pair = lookupPair(cur, key, doc);
    if (!pair) return undefined;
    cur = asMap(pair.value, doc);
  }
  return pair;
}

/** Entries of a map with its merged-in entries (own keys override), in source order. */
export function mergedEntries(node: unknown, doc: Doc): Array<{ key: string; pair: Pair<Node, Node> }> {
  const map = asMap(node, doc);
  if (!map) return [];
  const out: Array<{ key: string; pair: Pair<Node, Node> }> = [];
  const seen = new Set<string>();
  let budget = MAX_MERGE_SOURCES;
  const add = (m: YAMLMap, depth: number): void => {
    for (const item of m.items) {
      if (!isPair(item) || isMergeKey(item.key) || !isScalar(item.key)) continue;
      const k = item.key.value;
      const key = typeof k === 'string' ? k : typeof k === 'number' || typeof k === 'boolean' ? String(k) : undefined;
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      out.push({ key, pair: item as Pair<Node, Node> });
    }
    if (depth >= MAX_MERGE_DEPTH) return;
    for (const source of mergeSources(m, doc)) if (--budget >= 0) add(source, depth + 1);
  };
  add(map, 0);
  return out;
}

/** Compose booleans: YAML `true`, or the string "true" in any case (compose-go casts strings after interpolation). */
export function composeTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/**
 * Span of `value.slice(from, to)` in the file, when the scalar's source
 * spells its value out literally (plain, or quoted without escapes); else
 * the span of the whole scalar.
 */
export function partSpan(node: Node, text: string, value: string, from: number, to: number): Span | undefined {
  const whole = nodeSpan(node);
  if (!whole) return undefined;
  const raw = text.slice(whole.start, whole.end);
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
  const offset = raw === value ? whole.start : quoted && raw.slice(1, -1) === value ? whole.start + 1 : undefined;
  if (offset === undefined || to <= from) return whole;
  return { start: offset + from, end: offset + to };
}

/** A volume of a service, short or long syntax. */
export interface ComposeVolume {
  /** `bind` (a host path), `volume`, `tmpfs`, `npipe`, ... as Compose decides it. */
  type: string | undefined;
  /** Host path (bind) or volume name, as written (after trimming). */
  source?: string;
  target?: string;
  readOnly: boolean;
  /** Where findings about the source go: the source part of a short spec, or the long syntax's `source` value. */
  sourceSpan?: Span;
  syntax: 'short' | 'long';
}

const isLetter = (c: string | undefined): boolean => c !== undefined && c.toLowerCase() !== c.toUpperCase();

/** compose-go `isFilePath`: `.`, `/`, `~`, a Windows UNC path or drive letter starts a host path. */
export function isHostPathSource(source: string): boolean {
  if (source === '') return false;
  if (source[0] === '.' || source[0] === '/' || source[0] === '~') return true;
  if (source.startsWith('\\\\')) return true;
  return isLetter(source[0]) && source[1] === ':';
}

/** The parts of a short volume spec, with their offsets in the spec (compose-go `ParseVolume`). */
export function parseShortVolume(spec: string): { source?: { text: string; at: number }; target?: string; options: string[] } | undefined {
  if (spec.length === 0) return undefined;
  if (spec.length <= 2) return { target: spec, options: [] };
  const fields: Array<{ text: string; at: number }> = [];
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== ':') continue;
    // A single letter before the colon is a Windows drive (`C:\data`), not a separator.
    if (i - start === 1 && isLetter(spec[start])) continue;
    fields.push({ text: spec.slice(start, i), at: start });
    start = i + 1;
  }
  fields.push({ text: spec.slice(start), at: start });
  if (fields.some((f) => f.text === '') || fields.length > 3) return undefined;
  if (fields.length === 1) return { target: fields[0]!.text, options: [] };
  return { source: fields[0], target: fields[1]!.text, options: fields[2]?.text.split(',') ?? [] };
}

/** A `security_opt` entry split like the Docker CLI does: `key=value`, else the legacy `key:value`. */
export function parseSecurityOpt(option: string): { key: string; value: string | undefined } {
  const eq = option.indexOf('=');
  if (eq >= 0) return { key: option.slice(0, eq), value: option.slice(eq + 1) };
  if (option === 'no-new-privileges') return { key: option, value: undefined };
  const colon = option.indexOf(':');
  return colon >= 0 ? { key: option.slice(0, colon), value: option.slice(colon + 1) } : { key: option, value: undefined };
}

/**
 * A limit value that Docker treats as "no limit": 0 (or a negative number)
 * in any unit (`0`, `"0"`, `0.0`, `0m`, `-1`). Values are short; longer text is not a number.
 */
export function isNoLimit(value: unknown): boolean {
  if (typeof value === 'number') return value <= 0;
  if (typeof value !== 'string' || value.length > 64) return false;
  const m = /^\s*(-?[0-9]*\.?[0-9]*)\s*[a-z]*\s*$/i.exec(value);
  if (!m || !/[0-9]/.test(m[1]!)) return false;
  return Number(m[1]) <= 0;
}
