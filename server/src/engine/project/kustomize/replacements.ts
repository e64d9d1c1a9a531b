/**
 * `replacements` (kustomize's ReplacementTransformer, run after images): a value read from one
 * object (source: an id and a fieldPath, default metadata.name; options delimiter/index) is
 * written to fields of the objects the targets select (fieldPaths with `[key=value]` list
 * selectors and `*`; options delimiter/index/create). The written value keeps the source value's
 * origin (where it was written); a value a delimiter composes points at the replacement entry.
 * Entries may be inline or `path:` files holding one replacement or a list.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { joinPath } from '../paths';
import type { Origin, ProjectHost } from '../types';
import { markTree, problem, setNode, spanOf, str, type BuildState, type Kustomization, type Res } from './model';
import { compileSelector, setPreviousIds } from './select';
import type { TargetSelector } from './patches';

const ID_FIELDS = ['group', 'version', 'kind', 'name', 'namespace'] as const;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A replacement selector: exact ids (not regexes, unlike patch targets), label and annotation selectors. */
function selector(node: unknown): ((r: Res) => boolean) | undefined {
  if (!isMap(node)) return undefined;
  const t: TargetSelector = {};
  for (const f of ID_FIELDS) {
    const v = str(node.get(f, true));
    if (v) t[f] = escape(v);
  }
  const labels = str(node.get('labelSelector', true));
  const annotations = str(node.get('annotationSelector', true));
  if (labels) t.labelSelector = labels;
  if (annotations) t.annotationSelector = annotations;
  const test = compileSelector(t);
  return (r) => test(r.obj);
}

/** kyaml's SmarterPathSplitter: dots split, except inside `[...]`. */
export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of path) {
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.filter((s) => s !== '');
}

/** The nodes a field path reaches; `create` adds missing map fields (the last one as `leaf()`). */
function reach(root: Node, parts: string[], create: (() => Node) | undefined, origin: Origin, state: BuildState): { parent: YAMLMap | undefined; key: string; node: unknown }[] {
  let current: { parent: YAMLMap | undefined; key: string; node: unknown }[] = [{ parent: undefined, key: '', node: root }];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const next: typeof current = [];
    const select = /^\[(.*?)=(.*)\]$/.exec(part);
    for (const { node } of current) {
      if (select && isSeq(node)) {
        const before = next.length;
        for (const item of node.items) {
          if (select[1] === '' ? str(item) === select[2] : isMap(item) && str(item.get(select[1]!, true)) === select[2]) next.push({ parent: undefined, key: '', node: item });
        }
        if (next.length === before && create && select[1] !== '') {
          // kyaml's PathMatcher creates the list element the selector names.
          const item = new YAMLMap();
          state.provenance.set(item, origin);
          setNode(item, select[1]!, new Scalar(select[2]), origin, state.provenance);
          node.items.push(item);
          next.push({ parent: undefined, key: '', node: item });
        }
      } else if (part === '*' && isSeq(node)) {
        for (const item of node.items) next.push({ parent: undefined, key: '', node: item });
      } else if (isSeq(node) && /^\d+$/.test(part)) {
        const item = node.items[Number(part)];
        if (item !== undefined) next.push({ parent: undefined, key: '', node: item });
      } else if (isMap(node)) {
        // `[cert-manager.io/inject-ca-from]`: a field name with dots, written in brackets.
        const key = !select && /^\[.*\]$/.test(part) ? part.slice(1, -1) : part;
        let value = node.get(key, true) as unknown;
        if ((value === undefined || value === null) && create) {
          value = last ? create() : /^\[.*=.*\]$|^\*$|^\d+$/.test(parts[i + 1]!) ? new YAMLSeq() : new YAMLMap();
          setNode(node, key, value as Node, origin, state.provenance);
        }
        if (value !== undefined) next.push({ parent: node, key, node: value });
      }
    }
    current = next;
  });
  return current;
}

function entriesOf(k: Kustomization, host: ProjectHost, state: BuildState): { node: YAMLMap; file: string }[] {
  const list = k.field('replacements');
  if (!isSeq(list)) return [];
  const out: { node: YAMLMap; file: string }[] = [];
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const path = str(item.get('path', true));
    if (path === undefined) {
      out.push({ node: item, file: k.file });
      continue;
    }
    const file = joinPath(k.dir, path);
    const text = host.readFile(file);
    if (text === undefined) {
      problem(state, k.file, item, `replacements file '${path}' not found`);
      continue;
    }
    state.inputs.add(file);
    const doc = parseDocument(text, { version: '1.1' });
    markTree(doc.contents, file, state.provenance);
    const content = doc.contents;
    for (const r of isSeq(content) ? content.items : [content]) if (isMap(r)) out.push({ node: r, file });
  }
  return out;
}

function options(node: unknown): { delimiter?: string; index: number; create: boolean } {
  if (!isMap(node)) return { index: 0, create: false };
  const index = node.get('index', true);
  const create = node.get('create', true);
  return { delimiter: str(node.get('delimiter', true)) || undefined, index: isScalar(index) && typeof index.value === 'number' ? index.value : 0, create: isScalar(create) && create.value === true };
}

export function applyReplacements(k: Kustomization, ra: Res[], host: ProjectHost, state: BuildState): void {
  const entries = entriesOf(k, host, state);
  if (entries.length === 0) return;
  for (const r of ra) setPreviousIds(r.obj, { names: r.previousNames, namespaces: r.previousNamespaces });
  for (const { node: entry, file } of entries) {
    const fail = (message: string): void => problem(state, file, entry, message);
    const via: Origin = { file, span: spanOf(entry), via: 'replacements' };
    try {
      const source = entry.get('source', true) as unknown;
      const pick = selector(source);
      const targets = entry.get('targets', true);
      if (!pick || !isMap(source) || !isSeq(targets)) {
        fail('replacements must specify a source and at least one target');
        continue;
      }
      const sources = ra.filter(pick);
      if (sources.length !== 1) {
        fail(sources.length === 0 ? 'replacement source: nothing selected' : 'replacement source: multiple matches');
        continue;
      }
      const fieldPath = str(source.get('fieldPath', true)) ?? 'metadata.name';
      let value = reach(sources[0]!.obj.node, splitFieldPath(fieldPath), undefined, via, state)[0]?.node as Node | undefined;
      // kyaml's IsNilOrEmpty: a null is missing, an empty string is a value.
      if (!value || (isScalar(value) && value.value === null)) {
        fail(`fieldPath \`${fieldPath}\` is missing for replacement source`);
        continue;
      }
      const sourceOptions = options(source.get('options', true));
      if (sourceOptions.delimiter) {
        const parts = String(isScalar(value) ? value.value : '').split(sourceOptions.delimiter);
        const part = parts[sourceOptions.index];
        if (!isScalar(value) || part === undefined) {
          fail(`options.index ${sourceOptions.index} is out of bounds for the source value`);
          continue;
        }
        const piece = new Scalar(part);
        state.provenance.set(piece, state.provenance.get(value) ?? via);
        value = piece;
      }
      for (const target of targets.items) {
        if (!isMap(target)) continue;
        applyTarget(target, value, ra, via, state, fail);
      }
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  }
}

function applyTarget(target: YAMLMap, value: Node, ra: Res[], via: Origin, state: BuildState, fail: (m: string) => void): void {
  const select = selector(target.get('select', true));
  if (!select) {
    fail('target must specify resources to select');
    return;
  }
  const rejectNode = target.get('reject', true);
  const rejects = (isSeq(rejectNode) ? rejectNode.items : []).map(selector).filter((x): x is (r: Res) => boolean => x !== undefined);
  const pathsNode = target.get('fieldPaths', true);
  const paths = isSeq(pathsNode) ? pathsNode.items.map((p) => str(p) ?? '') : ['metadata.name'];
  const opts = options(target.get('options', true));
  for (const r of ra) {
    if (!select(r) || rejects.some((reject) => reject(r))) continue;
    for (const path of paths) {
      const leaf = (): Node => state.provenance.copy(value);
      const found = reach(r.obj.node, splitFieldPath(path), opts.create ? leaf : undefined, via, state);
      if (found.length === 0) {
        fail(`unable to find${opts.create ? ' or create' : ''} field "${path}" in replacement target`);
        continue;
      }
      for (const f of found) {
        let next = isScalar(f.node) && isScalar(value) ? coerced(f.node, value, state) : state.provenance.copy(value);
        if (opts.delimiter && isScalar(f.node)) {
          const parts = String(f.node.value ?? '').split(opts.delimiter);
          const v = String(isScalar(value) ? value.value : '');
          if (opts.index < 0) parts.unshift(v);
          else if (opts.index >= parts.length) parts.push(v);
          else parts[opts.index] = v;
          next = new Scalar(parts.join(opts.delimiter));
          state.provenance.set(next, via);
        }
        if (f.parent) {
          const pair = f.parent.items.find((p) => str(p.key) === f.key);
          if (pair) pair.value = next;
        } else replaceInParent(r.obj.node, f.node, next);
      }
    }
  }
}

/**
 * kustomize writes a scalar source into a scalar target's value text and keeps the target's tag:
 * a port written as a string stays a string, a replica count stays a number when the text is one.
 */
function coerced(target: Scalar, value: Scalar, state: BuildState): Scalar {
  const text = String(value.value ?? '');
  let next: unknown = value.value;
  if (typeof target.value === 'string') next = text;
  else if (typeof target.value === 'number') next = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(text) ? Number(text) : text;
  else if (typeof target.value === 'boolean') next = text === 'true' ? true : text === 'false' ? false : text;
  const out = state.provenance.copy(value);
  out.value = next;
  if (typeof next !== 'number') {
    delete out.format;
    delete out.minFractionDigits;
  }
  return out;
}

/** Replaces a list item (reached through a list selector) by identity. */
function replaceInParent(root: unknown, old: unknown, next: Node): boolean {
  if (isSeq(root)) {
    const i = root.items.indexOf(old);
    if (i >= 0) {
      root.items[i] = next;
      return true;
    }
    return root.items.some((item) => replaceInParent(item, old, next));
  }
  if (isMap(root)) return root.items.some((p) => replaceInParent(p.value, old, next));
  return false;
}
