/**
 * Minimal text edits of a kubeconfig: `current-context`, and a context's
 * `namespace`. The new text is the old one with a single span replaced or a
 * single line (or flow entry) inserted; comments, quoting, key order, line
 * endings and everything else stay byte-identical. Never re-serialised.
 *
 * On a file kubectl wrote, the result is what kubectl would write: kubectl
 * sorts keys, so a key added to a map whose keys are sorted goes to its
 * sorted place (`namespace` between `cluster` and `user`), and an empty
 * value kubectl quotes (`current-context: ""`) becomes a plain name where one
 * reads back (`current-context: dev`). test/fixtures/kubectl/config-writes.json
 * holds kubectl's own output for these writes (scripts/kubectl-config-writes.mjs).
 *
 * Every edit is checked before it is returned: the new text must parse
 * without errors and read back the value that was asked for, or the edit is
 * refused (`ok: false`) rather than risked.
 */
import { isMap, isScalar, parse as parseYaml, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from '../types';
import { parseKubeconfig } from './model';
import { kubectlScalar } from '../parse/kubectl-scalars';
import { getNode, getPair, stringValue } from '../views/yaml-node';
import type { KubeconfigEditResult } from '../../../../shared/kubeconfig/model';

/** The new text and the edit made, or why it was refused (shared/kubeconfig/model.ts: the server sends it to the explorer). */
export type EditResult = KubeconfigEditResult;

const fail = (error: string): EditResult => ({ ok: false, error });

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Can `value` be written as a plain scalar (in block and flow context) and read back as the same string, by the
 * yaml library and by kubectl (YAML 1.1: `n`, `yes`, `on`, `0755` are not strings there)?
 */
function plainOk(value: string): boolean {
  if (!/^[A-Za-z0-9_./@~+-][A-Za-z0-9_./@:+=~-]*$/.test(value) || value.endsWith(':')) return false;
  try {
    return parseYaml(`[${value}]`)?.[0] === value && parseYaml(value) === value && kubectlScalar(value) === value;
  } catch {
    return false;
  }
}

/** A YAML scalar for `value`: plain when safe, else in the style the old value used, else double-quoted. */
export function formatScalar(value: string, previousType?: Scalar.Type | string): string {
  if (previousType === Scalar.QUOTE_SINGLE && !/[\r\n]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (previousType === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  return plainOk(value) ? value : JSON.stringify(value);
}

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** Offset just after the `:` that follows a pair's key. */
function colonAfterKey(text: string, pair: Pair<Node, Node>): number | undefined {
  const keyEnd = (pair.key as Node | null)?.range?.[1];
  if (keyEnd === undefined) return undefined;
  let i = keyEnd;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === ':' ? i + 1 : undefined;
}

/** Replace a pair's scalar value (or fill an empty one) with `value`. */
function replaceValue(text: string, pair: Pair<Node, Node>, value: string): TextEdit | string {
  const node = pair.value as Node | null;
  if (node && !isScalar(node)) return 'its value is not a plain string (a map, list or alias); edit it by hand';
  if (node && isScalar(node) && node.type !== undefined && node.type !== Scalar.PLAIN && node.type !== Scalar.QUOTE_SINGLE && node.type !== Scalar.QUOTE_DOUBLE) {
    return 'its value is a block scalar; edit it by hand';
  }
  const range = node?.range;
  if (range && range[1] > range[0]) {
    // `""` is quoted because it is empty (kubectl's way of writing an unset value), not a style to keep.
    const style = (node as Scalar).value === '' ? undefined : (node as Scalar).type;
    return { start: range[0], end: range[1], text: formatScalar(value, style) };
  }
  // `key:` with no value (or only a comment after it): insert after the colon.
  const colon = colonAfterKey(text, pair);
  if (colon === undefined) return 'cannot find the colon after its key';
  return { start: colon, end: colon, text: ` ${formatScalar(value)}` };
}

function lineStart(text: string, offset: number): number {
  const n = text.lastIndexOf('\n', offset - 1);
  const r = text.lastIndexOf('\r', offset - 1);
  return Math.max(n, r) + 1;
}

/** Offset after the line break that ends the line holding `offset` (text length when it is the last line). */
function afterLineEnd(text: string, offset: number): { at: number; needsBreak: boolean } {
  const n = text.indexOf('\n', offset);
  if (n >= 0) return { at: n + 1, needsBreak: false };
  const r = text.indexOf('\r', offset);
  if (r >= 0) return { at: r + 1, needsBreak: false };
  return { at: text.length, needsBreak: true };
}

/** The string keys of a map's entries, or undefined when one is not a plain string. */
function stringKeys(map: YAMLMap): string[] | undefined {
  const keys: string[] = [];
  for (const item of map.items as Array<Pair<Node, Node>>) {
    const k = item.key as Node | null;
    if (!isScalar(k) || typeof k.value !== 'string') return undefined;
    keys.push(k.value);
  }
  return keys;
}

/** `a` sorts before `b` by code points (the byte order of their UTF-8, Go's string order). */
function before(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0;
  }
  return x.length < y.length;
}

/**
 * The entry a new `key` goes before when the map's keys are sorted (as kubectl
 * writes them, by byte order), or undefined to append it: the keys are not
 * sorted, or `key` sorts after all of them.
 */
function sortedSuccessor(map: YAMLMap, key: string): Pair<Node, Node> | undefined {
  const keys = stringKeys(map);
  if (!keys || keys.length === 0) return undefined;
  for (let i = 1; i < keys.length; i++) if (!before(keys[i - 1]!, keys[i]!)) return undefined;
  const at = keys.findIndex((k) => before(key, k));
  return at < 0 ? undefined : (map.items[at] as Pair<Node, Node>);
}

/** Start of the line holding `offset`, moved up over the whole-line comments right above it (they belong to that entry), not above `floor`. */
function entryLineStart(text: string, offset: number, floor: number): number {
  let start = lineStart(text, offset);
  while (start > floor && start > 0) {
    const prev = lineStart(text, start - 1);
    if (prev < floor || !/^[ \t]*#/.test(text.slice(prev, start))) break;
    start = prev;
  }
  return start;
}

/**
 * Insert `key: value` before `next`, an entry of `map` (block: a line at its
 * indentation, above the comment lines right above it; flow: an entry before
 * it), or undefined when `next` does not start its own line.
 */
function insertBefore(text: string, map: YAMLMap, next: Pair<Node, Node>, entry: string): TextEdit | undefined {
  const keyStart = (next.key as Node | null)?.range?.[0];
  if (keyStart === undefined) return undefined;
  if (map.flow) return { start: keyStart, end: keyStart, text: `${entry}, ` };
  const ls = lineStart(text, keyStart);
  const prefix = text.slice(ls, keyStart);
  if (!/^[ \t]*$/.test(prefix)) return undefined;
  const index = map.items.indexOf(next);
  const prev = index > 0 ? (map.items[index - 1] as Pair<Node, Node>) : undefined;
  const floor = (prev?.value as Node | null)?.range?.[1] ?? (prev?.key as Node | null)?.range?.[1] ?? ls;
  const at = entryLineStart(text, keyStart, floor);
  return { start: at, end: at, text: `${prefix}${entry}${eolOf(text)}` };
}

/**
 * Insert `key: value` into a map: in sorted place when the keys are sorted,
 * else after the last entry; a new line at the siblings' indentation (block),
 * or a new entry (flow).
 */
function insertPair(text: string, map: YAMLMap, key: string, value: string): TextEdit | string {
  const eol = eolOf(text);
  const entry = `${key}: ${formatScalar(value)}`;
  const range = map.range;
  if (!range) return 'cannot locate the map';
  const next = sortedSuccessor(map, key);
  const inOrder = next && insertBefore(text, map, next, entry);
  if (inOrder) return inOrder;
  if (map.flow) {
    let close = range[1] - 1;
    while (close > range[0] && text[close] !== '}') close--;
    if (text[close] !== '}') return 'cannot find the end of the flow map';
    let prev = close - 1;
    while (prev > range[0] && /\s/.test(text[prev]!)) prev--;
    const empty = map.items.length === 0;
    const sep = empty || text[prev] === ',' ? (text[prev] === '{' ? '' : ' ') : ', ';
    return { start: prev + 1, end: prev + 1, text: `${sep}${entry}` };
  }
  const items = map.items as Array<Pair<Node, Node>>;
  if (items.length === 0) return 'the map is empty';
  const firstKey = items[0]!.key as Node | null;
  const keyStart = firstKey?.range?.[0];
  if (keyStart === undefined) return 'cannot locate the map keys';
  const ls = lineStart(text, keyStart);
  const prefix = text.slice(ls, keyStart);
  // The first key shares its line with `- ` or a parent key: use its column as indentation.
  const indent = /^[ \t]*$/.test(prefix) ? prefix : ' '.repeat(keyStart - ls);
  const last = items[items.length - 1]!;
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1];
  if (lastEnd === undefined) return 'cannot locate the end of the map';
  const { at, needsBreak } = afterLineEnd(text, Math.max(lastEnd - 1, keyStart));
  return { start: at, end: at, text: `${needsBreak ? eol : ''}${indent}${entry}${needsBreak ? '' : eol}` };
}

/** JSON with every object's keys sorted: equal for equal data whatever the key order (a key inserted in sorted place). */
function canonical(data: unknown): string {
  return JSON.stringify(data, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The document as plain data, serialised (undefined when it cannot be: then only the targeted check applies). */
function dataOf(text: string): string | undefined {
  try {
    const p = parseKubeconfig(text);
    return canonical(p.doc ? p.doc.yaml.toJS({ maxAliasCount: 100 }) ?? null : null);
  } catch {
    return undefined;
  }
}

/**
 * Apply the edit and check the result: it parses, reads back the requested
 * value (`check`), and, as data, equals the old document with only that value
 * changed (`expected` mutates the old data), so no other entry moved.
 */
function verify(text: string, edit: TextEdit, check: (newText: string) => string | undefined, expected?: (data: any) => any): EditResult {
  const newText = apply(text, edit);
  let problem = check(newText);
  if (problem === undefined && expected) {
    const before = dataOf(text);
    const after = dataOf(newText);
    if (before !== undefined && after !== undefined && canonical(expected(JSON.parse(before))) !== after) problem = 'other values would change';
  }
  return problem === undefined ? { ok: true, text: newText, edit } : fail(`the edit would not read back correctly (${problem}); nothing was changed`);
}

/** Set `current-context` to `name` in one file's text (the file kubectl writes it to). */
export function setCurrentContext(text: string, name: string): EditResult {
  const parsed = parseKubeconfig(text);
  if (parsed.error !== undefined) return fail(`the file does not parse: ${parsed.error}`);
  const check = (newText: string): string | undefined => {
    const p = parseKubeconfig(newText);
    if (p.error !== undefined) return p.error;
    return stringValue(getNode(p.root, 'current-context'), p.doc) === name ? undefined : 'current-context differs';
  };
  const root = parsed.root;
  if (!root) {
    // Empty file: write the smallest config kubectl accepts.
    const eol = eolOf(text);
    const sep = text === '' || text.endsWith('\n') || text.endsWith('\r') ? '' : eol;
    const edit = { start: text.length, end: text.length, text: `${sep}apiVersion: v1${eol}kind: Config${eol}current-context: ${formatScalar(name)}${eol}` };
    return verify(text, edit, check, () => ({ apiVersion: 'v1', kind: 'Config', 'current-context': name }));
  }
  const pair = getPair(root, 'current-context');
  const edit = pair ? replaceValue(text, pair, name) : insertPair(text, root, 'current-context', name);
  if (typeof edit === 'string') return fail(`cannot edit current-context: ${edit}`);
  return verify(text, edit, check, (data) => ({ ...data, 'current-context': name }));
}

/** Set the namespace of the context `contextName` defined in this file (the first definition, as kubectl). */
export function setContextNamespace(text: string, contextName: string, namespace: string): EditResult {
  const parsed = parseKubeconfig(text);
  if (parsed.error !== undefined) return fail(`the file does not parse: ${parsed.error}`);
  const context = parsed.view?.context(contextName);
  if (!context) return fail(`context "${contextName}" is not defined in this file`);
  const readBack = (newText: string): string | undefined => {
    const p = parseKubeconfig(newText);
    if (p.error !== undefined) return p.error;
    return p.view?.context(contextName)?.namespace?.value === namespace ? undefined : 'namespace differs';
  };
  const body = context.body;
  let edit: TextEdit | string;
  if (!body) {
    const bodyPair = getPair(context.node, 'context');
    const v = bodyPair?.value as Node | null | undefined;
    if (bodyPair && (!v || (isScalar(v) && v.value === null))) {
      // `context:` with no map: give it a flow map with the namespace.
      const colon = colonAfterKey(text, bodyPair);
      const range = v?.range;
      edit =
        colon === undefined
          ? 'cannot find the colon after context'
          : range && range[1] > range[0]
            ? { start: range[0], end: range[1], text: `{namespace: ${formatScalar(namespace)}}` }
            : { start: colon, end: colon, text: ` {namespace: ${formatScalar(namespace)}}` };
    } else edit = 'the context has no context map';
  } else {
    const pair = getPair(body, 'namespace');
    edit = pair ? replaceValue(text, pair, namespace) : isMap(body) ? insertPair(text, body, 'namespace', namespace) : 'the context is not a map';
  }
  if (typeof edit === 'string') return fail(`cannot set the namespace of context "${contextName}": ${edit}`);
  const index = context.index;
  return verify(text, edit, readBack, (data) => {
    const item = data?.contexts?.[index];
    if (item && typeof item === 'object') {
      const body = item.context && typeof item.context === 'object' ? item.context : {};
      item.context = { ...body, namespace };
    }
    return data;
  });
}
