/**
 * Strategic merge patches as kustomize v5 applies them (kyaml's merge2 walker, lists prepended):
 * maps merge field by field; a list merges by key only when the Kubernetes schema gives it a
 * merge strategy (lists of unknown kinds are replaced); `$patch: delete|replace|merge` on maps
 * and lists; a null value deletes the field. Like kyaml, `$setElementOrder/...`, `$retainKeys`
 * and `$deleteFromPrimitiveList/...` are not interpreted: they are merged as ordinary fields.
 * kyaml's other quirks are kept too (checked against kubectl): a merged list lists the patch's
 * elements first, then the target's others; `$patch: replace` on a keyed element keeps the
 * target's element; a multi-key element (ports by containerPort and protocol) that leaves a key
 * out may not match.
 *
 * Nodes that come from the patch are copied with their origins (the patch's lines) into the
 * target's provenance; nodes kept from the target keep theirs. The patch is never modified.
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Provenance } from '../types';
import { fieldSchema, isAssociative, itemSchema, schemaForKind, type FieldSchema } from './patch-schema';
import { findPair, isNullNode, removeField, scalarText, textAt, transplant } from './patch-nodes';

/** A patch kustomize rejects; `node` is the patch node at fault. */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly node?: unknown,
  ) {
    super(message);
  }
}

interface Ctx {
  /** The patch's provenance. */
  from: Provenance;
  /** The target object's provenance. */
  to: Provenance;
}

const DIRECTIVE = '$patch';
type Directive = 'delete' | 'replace' | 'merge';

/** Merges `patch` into `target` (modified in place); returns the merged object, or undefined when the patch deletes it. */
export function strategicMerge(target: YAMLMap, patch: Node, from: Provenance, to: Provenance): YAMLMap | undefined {
  const out = walk(target, patch, undefined, { from, to }, []);
  if (out !== undefined && !isMap(out)) throw new PatchError('the patch does not produce an object', patch);
  return out === undefined || out.items.length === 0 ? undefined : out;
}

/** kyaml's Node.Value: a scalar's text, "" for collections and null. */
function valueOf(node: unknown): string {
  return scalarText(node) ?? '';
}

/** The field's value: undefined when absent, a null scalar when written without a value. */
function get(map: unknown, key: string): unknown {
  if (!isMap(map)) return undefined;
  const pair = findPair(map, key);
  return pair ? (pair.value ?? new Scalar(null)) : undefined;
}

function kindName(node: unknown): string {
  return isMap(node) ? 'a map' : isSeq(node) ? 'a list' : 'a scalar';
}

function schemaOf(node: unknown): FieldSchema | undefined {
  const apiVersion = textAt(node, 'apiVersion');
  const kind = textAt(node, 'kind');
  return apiVersion && kind ? schemaForKind(apiVersion, kind) : undefined;
}

function walk(dest: unknown, patch: unknown, schema: FieldSchema | undefined, c: Ctx, path: string[]): Node | undefined {
  if (!schema) schema = schemaOf(dest) ?? schemaOf(patch);
  const first = !isNullNode(dest) ? dest : !isNullNode(patch) ? patch : undefined;
  for (const n of [dest, patch]) {
    if (isNullNode(n) || first === undefined) continue;
    if (isMap(n) !== isMap(first) || isSeq(n) !== isSeq(first)) {
      throw new PatchError(`wrong node kind for ${path.join('.') || 'the object'}: expected ${kindName(first)}, the patch has ${kindName(n)}`, patch);
    }
  }
  if (first === undefined || isMap(first)) return walkMap(dest, patch, schema, c, path);
  if (isSeq(first)) return schema && isAssociative(schema) ? walkAssociative(dest, patch, schema, c, path) : patch === undefined ? (dest as Node) : isNullNode(patch) ? undefined : transplant(patch as Node, c.from, c.to);
  // A scalar: the patch's value wins; a null in the patch deletes the field. A patch that restates
  // the target's value (the merge key `- name: web` of an item it merges into) writes nothing:
  // the target's node and origin stay, so findings about it land where the value was written.
  if (patch === undefined || sameScalar(dest, patch)) return dest as Node;
  if (isNullNode(patch)) return undefined;
  const out = transplant(patch as Node, c.from, c.to);
  // A value written over the target's: its origin remembers the value it replaced.
  const replaced = isScalar(dest) && !isNullNode(dest) ? c.to.get(dest) : undefined;
  const origin = c.to.get(out);
  if (replaced && origin && replaced.file !== origin.file) c.to.set(out, { ...origin, overrides: replaced });
  return out;
}

/** Two non-null scalars with the same value (type included: `1` and `"1"` differ). */
function sameScalar(a: unknown, b: unknown): boolean {
  return isScalar(a) && isScalar(b) && !isNullNode(a) && !isNullNode(b) && a.value === b.value && a.tag === b.tag;
}

function mapDirective(patch: unknown): Directive | undefined {
  if (!isMap(patch)) return undefined;
  const pair = findPair(patch, DIRECTIVE);
  if (!pair) return undefined;
  const v = valueOf(pair.value);
  if (v === 'delete' || v === 'replace' || v === 'merge') return v;
  throw new PatchError(`unknown patch strategy '${v}'`, pair.value);
}

/**
 * Where the target has nothing, kyaml takes the patch node itself and merges it with itself
 * (directives are elided from both sides at once). Here: a copy for the target, merged with
 * itself in the target's provenance.
 */
function selfCopy<N extends Node>(patch: N, c: Ctx): { node: N; ctx: Ctx } {
  return { node: transplant(patch, c.from, c.to), ctx: { from: c.to, to: c.to } };
}

function walkMap(dest: unknown, patch: unknown, schema: FieldSchema | undefined, c: Ctx, path: string[]): Node | undefined {
  if (isNullNode(dest)) {
    if (mapDirective(patch) === 'delete') return undefined;
    if (patch === undefined) {
      // kyaml keeps a null written as `null` or `~`, and drops an empty value.
      const range = isScalar(dest) ? dest.range : undefined;
      return range && range[1] > range[0] ? (dest as Node) : undefined;
    }
    if (!isMap(patch)) return undefined;
    const self = selfCopy(patch, c);
    return walkMap(self.node, self.node, schema, self.ctx, path);
  }
  if (patch !== undefined && isNullNode(patch)) return undefined;
  const directive = mapDirective(patch);
  if (directive && dest === patch) removeField(dest as YAMLMap, DIRECTIVE);
  if (directive === 'delete') return undefined;
  if (directive === 'replace' && dest !== patch) {
    const self = selfCopy(patch as YAMLMap, c);
    removeField(self.node, DIRECTIVE);
    return walkMap(self.node, self.node, schema, self.ctx, path);
  }
  const d = dest as YAMLMap;
  const names = new Set<string>();
  for (const m of [d, patch]) {
    if (!isMap(m)) continue;
    for (const p of m.items) {
      const k = scalarText(p.key);
      if (k !== undefined && !(m === patch && k === DIRECTIVE && directive)) names.add(k);
    }
  }
  for (const name of [...names].sort()) {
    const pv = get(patch, name);
    const v = walk(get(d, name), pv, fieldSchema(schema, name), c, [...path, name]);
    const pair = findPair(d, name);
    if (v === undefined) {
      if (pair) removeField(d, name);
    } else if (pair) {
      if (pair.value !== v) pair.value = v;
    } else {
      const key = isMap(patch) ? findPair(patch, name)?.key : undefined;
      d.items.push(new Pair(key && typeof key === 'object' ? transplant(key as Node, c.from, c.to) : new Scalar(name), v));
    }
  }
  return d;
}

/** The list directive (`- $patch: replace`) and the patch's items without it. */
function listDirective(patch: unknown): { directive: Directive; items: unknown[] } {
  if (!isSeq(patch)) return { directive: 'merge', items: [] };
  const el = patch.items.find((i) => isMap(i) && findPair(i, DIRECTIVE));
  if (!isMap(el) || el.items.length > 1) return { directive: 'merge', items: patch.items };
  const v = valueOf(findPair(el, DIRECTIVE)!.value);
  if (v !== 'delete' && v !== 'replace' && v !== 'merge') throw new PatchError(`unknown patch strategy '${v}'`, el);
  return { directive: v, items: elementSetter(patch.items, undefined, [DIRECTIVE], [v]) };
}

function walkAssociative(dest: unknown, patch: unknown, schema: FieldSchema, c: Ctx, path: string[]): Node | undefined {
  let d: YAMLSeq;
  let patchItems: () => unknown[];
  if (isNullNode(dest)) {
    // The patch's list, merged with itself (kyaml does not look for a list directive here).
    const self = selfCopy(patch as YAMLSeq, c);
    d = self.node;
    c = self.ctx;
    patchItems = () => d.items;
  } else {
    if (patch !== undefined && isNullNode(patch)) return undefined;
    const { directive, items } = listDirective(patch);
    if (dest === patch) (dest as YAMLSeq).items = items;
    if (directive === 'delete') return undefined;
    if (directive === 'replace' && dest !== patch) {
      const self = new YAMLSeq();
      const origin = c.from.get(patch as Node);
      if (origin) c.to.set(self, origin);
      self.items = items.map((i) => transplant(i as Node, c.from, c.to));
      d = self;
      c = { from: c.to, to: c.to };
      patchItems = () => d.items;
    } else {
      d = dest as YAMLSeq;
      patchItems = dest === patch ? () => d.items : () => items;
    }
  }
  const keys = schema.k ?? [];
  const values = elementValues(keys, patchItems(), d.items);
  if (values.length > 0 || keys.length > 0) setElements(values, keys, d, patchItems, itemSchema(schema), c, path);
  else setElements(primitiveValues(patchItems(), d.items), [''], d, patchItems, itemSchema(schema), c, path);
  return d;
}

/** The key values of every element, patch first (kustomize prepends), without repeats. */
function elementValues(keys: string[], ...lists: unknown[][]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const el of list) {
      const values = keys.map((k) => {
        const f = get(el, k);
        return f === undefined || isNullNode(f) || ((isMap(f) || isSeq(f)) && f.items.length === 0) ? '' : valueOf(f);
      });
      const id = JSON.stringify(values);
      if (values.length === 0 || seen.has(id)) continue;
      seen.add(id);
      out.push(values);
    }
  }
  return out;
}

function primitiveValues(...lists: unknown[][]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const list of lists) {
    for (const el of list) {
      const v = valueOf(el);
      if (seen.has(v)) continue;
      seen.add(v);
      out.push([v]);
    }
  }
  return out;
}

/** Multi-key lists: tuples that agree on one key and do not conflict are the same element. */
function mergeValues(list: string[][]): void {
  for (let i = 0; i < list.length; i++) {
    for (let j = 0; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.length !== b.length) continue;
      let common = false;
      let conflict = false;
      const res: string[] = [];
      for (let k = 0; k < a.length; k++) {
        if (a[k] === b[k]) {
          common = true;
          res.push(a[k]!);
        } else if (a[k] !== '' && b[k] !== '') conflict = true;
        else res.push(a[k] !== '' ? a[k]! : b[k]!);
      }
      if (common && !conflict) list[i] = list[j] = res;
    }
  }
}

/** The keys that have a value in some element (all keys when none has), and this element's values for them. */
function validateKeys(list: string[][], values: string[], keys: string[]): [string[], string[]] {
  const valid = new Set<string>();
  for (const vs of list) vs.forEach((v, i) => v !== '' && valid.add(keys[i]!));
  if (valid.size === 0) return [keys, values];
  return [keys.filter((k) => valid.has(k)), values.filter((v, i) => v !== '' || valid.has(keys[i]!))];
}

function setElements(list: string[][], keys: string[], d: YAMLSeq, patchItems: () => unknown[], schema: FieldSchema | undefined, c: Ctx, path: string[]): void {
  let items: unknown[] = [];
  if (keys.length > 1) mergeValues(list);
  let validKeys: string[] = keys;
  for (const values of list) {
    if (values.length === 0) continue;
    let validValues: string[];
    [validKeys, validValues] = validateKeys(list, values, keys);
    const [k2, v2] = validateKeys([values], values, keys);
    const val = walk(elementList(d.items, k2, v2), elementList(patchItems(), k2, v2), schema, c, [...path, `[${v2.join(',')}]`]);
    if (val === undefined || isNullNode(val) || (isMap(val) && val.items.length === 0)) {
      d.items = elementSetter(d.items, undefined, validKeys, validValues);
      continue;
    }
    validKeys.forEach((key, i) => {
      if (isMap(val) && !findPair(val, key) && validValues[i] !== '') val.items.push(new Pair(new Scalar(key), new Scalar(validValues[i])));
    });
    items = elementSetter(items, val, validKeys, validValues);
  }
  if (list.length > 0) d.items = appendList(items, d.items, validKeys);
}

/** kyaml's ElementMatcher: the first element whose fields keys[i] have the values values[i]. */
function elementList(items: unknown[], keys: string[], values: string[]): unknown {
  if (keys.length === 0 || keys[0] === '') return items.find((i) => valueOf(i) === (values[0] ?? ''));
  return items.find((el) => isMap(el) && keys.every((k, i) => {
    const f = get(el, k);
    return f !== undefined && valueOf(f) === values[i];
  }));
}

/** kyaml's FieldMatcher: the field's value when present (and equal to `value` unless that is empty). */
function fieldMatch(el: unknown, name: string, value: string): unknown {
  if (isNullNode(el)) return undefined;
  if (name === '') return isScalar(el) && valueOf(el) === value ? el : undefined;
  if (!isMap(el)) return undefined;
  const f = get(el, name);
  return f !== undefined && (value === '' || valueOf(f) === value) ? f : undefined;
}

/** kyaml's ElementSetter: replaces the elements matching keys/values with `element` (or removes them), appends it when none matched; drops null and empty elements. */
function elementSetter(items: unknown[], element: unknown, keys: string[], values: string[]): unknown[] {
  if (keys.length === 0) keys = [''];
  const mappingSetter = keys[0] !== '' && values.length > 0 && values[0] !== '';
  const out: unknown[] = [];
  let found = false;
  for (const el of items) {
    if (isNullNode(el) || (isMap(el) && el.items.length === 0)) continue;
    if (!isMap(el) && mappingSetter) {
      out.push(el);
      continue;
    }
    let matched = values.length > 0;
    for (let j = 0; j < keys.length && j < values.length; j++) {
      if (fieldMatch(el, keys[j]!, values[j]!) === undefined) {
        matched = false;
        break;
      }
    }
    if (!matched) {
      if (values.length > 0) out.push(el);
      continue;
    }
    found = true;
    if (element !== undefined) out.push(element);
  }
  if (element !== undefined && !found) out.push(element);
  return out;
}

/** kyaml's appendListNode: puts every element of `src` into `dst` by its keys. */
function appendList(dst: unknown[], src: unknown[], keys: string[]): unknown[] {
  for (const el of src) {
    if (keys[0] === '') {
      dst = elementSetter(dst, el, [''], [valueOf(el)]);
      continue;
    }
    const v: string[] = [];
    for (const key of keys) {
      const f = get(el, key);
      if (f === undefined) {
        dst.push(el);
        continue;
      }
      v.push(valueOf(f));
    }
    if (keys.length > 1) dst = elementSetter(dst, undefined, keys, v);
    dst = elementSetter(dst, el, keys, v);
  }
  return dst;
}
