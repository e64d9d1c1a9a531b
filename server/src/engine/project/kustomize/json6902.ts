/**
 * JSON 6902 patches as kustomize v5 applies them (evanphx/json-patch v4): add, remove, replace,
 * move, copy and test with JSON pointers (`~0` `~1` escapes, `-` to append, list indexes,
 * negative indexes from the end). Applied to the YAML nodes so every node keeps its origin:
 * values the patch writes carry the patch's lines. Errors are kustomize's messages.
 */
import { isMap, isSeq, Pair, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Provenance } from '../types';
import { cloneTree, findPair, plainValue, removeField, scalarText, transplant } from './patch-nodes';
import { PatchError } from './smp';

export interface JsonOperation {
  op: string;
  path: string | undefined;
  from: string | undefined;
  /** The `value` node; undefined when the operation has none. */
  value: Node | undefined;
  /** The operation's `path` value, else its map (errors are reported there). */
  node: Node;
}

/** The operations of a JSON patch document (a list of maps), or an error when it is not one. */
export function readOperations(doc: Node): JsonOperation[] {
  if (!isSeq(doc)) throw new PatchError('a JSON patch is a list of operations', doc);
  return doc.items.map((item) => {
    if (!isMap(item)) throw new PatchError('each JSON patch operation is a map with op and path', item);
    const text = (k: string): string | undefined => scalarText(findPair(item, k)?.value);
    const value = findPair(item, 'value');
    const at = findPair(item, 'path')?.value;
    const node = (at && typeof at === 'object' ? at : item) as Node;
    return { op: text('op') ?? '', path: text('path'), from: text('from'), value: value ? ((value.value ?? new Scalar(null)) as Node) : undefined, node };
  });
}

type Container = YAMLMap | YAMLSeq;

function decode(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The container of the pointer's last token, and that token (json-patch's findObject). */
function findObject(root: Container, pointer: string): { con: Container; key: string } | undefined {
  const split = pointer.split('/');
  if (split.length < 2) return undefined;
  let doc: unknown = root;
  for (const part of split.slice(1, -1)) {
    const next = getChild(doc as Container, decode(part));
    if (!isMap(next) && !isSeq(next)) return undefined;
    doc = next;
  }
  return { con: doc as Container, key: decode(split[split.length - 1]!) };
}

function index(seq: YAMLSeq, key: string, allowEnd: boolean): number {
  if (!/^-?\d+$/.test(key)) throw new Error(`strconv.Atoi: parsing "${key}": invalid syntax`);
  let i = Number(key);
  const len = seq.items.length;
  if (i < 0) {
    if (i < -len) throw new Error(`Unable to access invalid index: ${i}: invalid index referenced`);
    i += len;
  }
  if (i > len || (!allowEnd && i === len)) throw new Error(`Unable to access invalid index: ${i}: invalid index referenced`);
  return i;
}

function getChild(con: Container, key: string): unknown {
  if (isMap(con)) {
    const pair = findPair(con, key);
    return pair ? (pair.value ?? new Scalar(null)) : undefined;
  }
  try {
    return con.items[index(con, key, false)];
  } catch {
    return undefined;
  }
}

function add(con: Container, key: string, value: Node): void {
  if (isMap(con)) {
    const pair = findPair(con, key);
    if (pair) pair.value = value;
    else con.items.push(new Pair(new Scalar(key), value));
    return;
  }
  if (key === '-') con.items.push(value);
  else con.items.splice(index(con, key, true), 0, value);
}

function remove(con: Container, key: string): void {
  if (isMap(con)) {
    if (!removeField(con, key)) throw new Error(`Unable to remove nonexistent key: ${key}: missing value`);
  } else con.items.splice(index(con, key, false), 1);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Applies the operations to `root` in place (callers pass a copy: on an error the object is left as it was). */
export function applyOperations(root: YAMLMap, ops: readonly JsonOperation[], from: Provenance, to: Provenance): void {
  for (const o of ops) {
    const fail = (message: string): never => {
      throw new PatchError(message, o.node);
    };
    if (o.path === undefined) fail(`operation missing path field`);
    const path = o.path!;
    const value = (): Node => {
      if (o.value === undefined) fail(`${o.op} operation has no value`);
      return transplant(o.value!, from, to);
    };
    const target = (verb: string, pointer: string, what = 'path'): { con: Container; key: string } =>
      findObject(root, pointer) ?? fail(`${verb} operation does not apply: doc is missing ${what}: ${verb === 'add' ? JSON.stringify(pointer) : pointer}: missing value`);
    const attempt = (verb: string, pointer: string, fn: () => void): void => {
      try {
        fn();
      } catch (e) {
        if (e instanceof PatchError) throw e;
        fail(`error in ${verb} for path: '${pointer}': ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    switch (o.op) {
      case 'add': {
        const { con, key } = target('add', path);
        attempt('add', path, () => add(con, key, value()));
        break;
      }
      case 'remove': {
        const { con, key } = target('remove', path);
        attempt('remove', path, () => remove(con, key));
        break;
      }
      case 'replace': {
        const { con, key } = target('replace', path);
        // json-patch v4 replaces a missing map key as if it were there; a missing list index fails.
        if (isSeq(con) && getChild(con, key) === undefined) fail(`replace operation does not apply: doc is missing key: ${path}: missing value`);
        attempt('replace', path, () => {
          if (isMap(con)) add(con, key, value());
          else con.items[index(con, key, false)] = value();
        });
        break;
      }
      case 'move':
      case 'copy': {
        const fromPath = o.from ?? fail(`${o.op} operation missing from field`);
        const { con, key } = target(o.op, fromPath, 'from path');
        const node = getChild(con, key);
        if (node === undefined) fail(`error in ${o.op} for path: '${fromPath}': Unable to get nonexistent key: ${key}: missing value`);
        const moved = o.op === 'move' ? (node as Node) : cloneTree(node as Node, to, to);
        if (o.op === 'move') attempt('remove', fromPath, () => remove(con, key));
        const dest = target(o.op, path, 'destination path');
        attempt('add', path, () => add(dest.con, dest.key, moved));
        break;
      }
      case 'test': {
        const { con, key } = target('test', path);
        const actual = getChild(con, key);
        const expected = o.value === undefined ? null : plainValue(o.value);
        if (actual === undefined ? expected !== null : canonical(plainValue(actual)) !== canonical(expected)) fail(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        fail(`Unexpected kind: ${o.op}`);
    }
  }
}
