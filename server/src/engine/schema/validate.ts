/**
 * Schema validation of Kubernetes objects against the JSON Schemas generated
 * from the Kubernetes OpenAPI types (scripts/gen-schemas.ts ->
 * schemas/kubernetes/bundle.json, bundled into dist/ by the JSON import).
 * Validators are compiled lazily, once per kind, and cached; a host that can load the
 * validators compiled at build time (scripts/gen-validators.mjs) hands them over
 * with `usePrecompiledValidators`, and only definitions they lack are compiled. Strategic-merge
 * patch directives (`$patch`, ...) are taken out first and checked on their own.
 *
 * ajv errors are mapped back to YAML nodes: an unknown field points at its key,
 * a type error at the value, a missing field at the nearest existing parent key.
 * One validation per object is shared by the three schema rules (cached per
 * YAML root node).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { YamlDocument } from '../parse/yaml-document';
import { isMap, isPair, isScalar, isSeq, isAlias, type Node, type YAMLMap } from 'yaml';
import bundleJson from '../../../../schemas/kubernetes/bundle.json';
import ajvOptions from './ajv-options.json';
import type { Span } from '../types';
import type { ResourceView } from '../views/resource';
import { closestMatch } from '../suggest';
import { expansionLimit } from '../parse/yaml-aliases';
import type { DocumentViews } from '../views/view-set';
import { DIRECTIVE_NAMES, exempted, kindOf, takeDirectives, type Directives } from './patch-directives';

interface SchemaBundle {
  source: string;
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, Record<string, unknown>>;
}

const bundle = bundleJson as unknown as SchemaBundle;
const BUNDLE_ID = 'kubernetes';
const OBJECT_META = 'meta.v1.ObjectMeta';

export type SchemaProblem =
  | { type: 'unknown-field'; span: Span; field: string; path: string; suggestion?: string; security: boolean }
  | { type: 'type'; span: Span; path: string; expected: string; actual: string }
  | { type: 'required'; span: Span; field: string; path: string };

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction | null>();

/** Validators by definition name, as scripts/gen-validators.mjs exports them. */
export type PrecompiledValidators = Readonly<Record<string, ValidateFunction | undefined>>;
let loadPrecompiled: (() => PrecompiledValidators | undefined) | undefined;
let precompiled: PrecompiledValidators | undefined;

/**
 * Validators compiled at build time: `load` runs on the first schema check (the module is big, and a file without
 * Kubernetes objects never needs it); when it returns nothing, or lacks a definition, that one is compiled here.
 */
export function usePrecompiledValidators(load: () => PrecompiledValidators | undefined): void {
  loadPrecompiled = load;
  precompiled = undefined;
  validators.clear();
}

function precompiledFor(definition: string): ValidateFunction | undefined {
  if (loadPrecompiled) {
    const load = loadPrecompiled;
    loadPrecompiled = undefined;
    try {
      precompiled = load();
    } catch {
      precompiled = undefined;
    }
  }
  return precompiled && Object.prototype.hasOwnProperty.call(precompiled, definition) ? precompiled[definition] : undefined;
}

/** A validator compiled now (ajv-options.json: the options scripts/gen-validators.mjs compiles with too). */
export function compileValidator(definition: string): ValidateFunction | null {
  try {
    if (!ajv) {
      // strictNumbers: .inf and .nan (YAML 1.1 floats) are no number: kubectl cannot send them.
      // inlineRefs: false compiles each shared definition (PodSpec, Container, ...) once instead of into every
      // kind that uses it: the first lint of a file with many kinds compiles about 40% faster, validation is as fast.
      // code.optimize: false: ajv's pass over the generated code took about 40% of compiling a kind (a fresh server's
      // first lint); V8 optimises the code it would have tidied as well.
      // messages: false: no error's message is read (mapErrors words its own); dist/kube-validators.js is 8% smaller.
      ajv = new Ajv(ajvOptions);
      ajv.addSchema({ $id: BUNDLE_ID, definitions: bundle.definitions }, BUNDLE_ID);
    }
    return ajv.getSchema(`${BUNDLE_ID}#/definitions/${definition}`) ?? null;
  } catch {
    return null;
  }
}

function validatorFor(definition: string): ValidateFunction | null {
  let v = validators.get(definition);
  if (v !== undefined) return v;
  v = precompiledFor(definition) ?? compileValidator(definition);
  validators.set(definition, v);
  return v;
}

/** The definition describing `apiVersion`/`kind`, if the bundle has it. */
export function schemaDefinitionFor(apiVersion: string, kind: string): string | undefined {
  const byKind = Object.prototype.hasOwnProperty.call(bundle.kinds, apiVersion) ? bundle.kinds[apiVersion] : undefined;
  return byKind && Object.prototype.hasOwnProperty.call(byKind, kind) ? byKind[kind] : undefined;
}

/** Files that carry apiVersion/kind but are not Kubernetes API objects. */
function notAnApiObject(resource: ResourceView): boolean {
  // kubeconfig files: `apiVersion: v1`, `kind: Config`.
  return resource.kind === 'Config' && (resource.apiVersion === 'v1' || resource.apiVersion === '');
}

/** Schema problems of one object (computed once per object in `views`, so the three rules share one validation). */
export function schemaProblems(resource: ResourceView, text: string, views: DocumentViews): SchemaProblem[] {
  return views.memo(resource.root, 'schemaProblems', () => {
    try {
      return validate(resource, text);
    } catch {
      return [];
    }
  });
}

function validate(resource: ResourceView, text: string): SchemaProblem[] {
  if (notAnApiObject(resource)) return [];
  const definition = schemaDefinitionFor(resource.apiVersion, resource.kind);
  const doc = resource.doc;
  if (definition) {
    const v = validatorFor(definition);
    return v ? check(v, resource.root, doc, text, '') : [];
  }
  // An object of a kind we have no schema for (a custom resource): only its metadata.
  if (!resource.metadata) return [];
  const v = validatorFor(OBJECT_META);
  return v ? check(v, resource.metadata, doc, text, '/metadata') : [];
}

/** Validates the plain value of `base` (the object, or its metadata at `prefix`). */
function check(v: ValidateFunction, base: YAMLMap, doc: YamlDocument, text: string, prefix: string): SchemaProblem[] {
  const plain = boundedValue(base, doc);
  if (!plain) return [];
  let value = plain.value;
  let directives: Directives | undefined;
  // Only a document with a `$...` key can hold a patch directive: the others are not walked again.
  if (plain.dollarKeys) ({ value, directives } = takeDirectives(value));
  const problems = v(value) ? [] : mapErrors(v.errors ?? [], base, doc, text, prefix, directives?.exempt ?? []);
  for (const issue of directives?.issues ?? []) {
    const at = locate(base, decode(issue.pointer), doc);
    const span = at.complete ? spanOf(at.node, text) : undefined;
    if (span) problems.push({ type: 'type', span, path: dotted(prefix + issue.pointer), expected: issue.expected, actual: issue.actual });
  }
  return problems;
}

/**
 * The plain JavaScript value of a node, for ajv: maps become objects (keys as
 * strings, `__proto__` an ordinary own key), sequences arrays, scalars their
 * value. Not the library's `toJS`: it finds each alias's anchor by scanning
 * every alias and anchor before it (quadratic over thousands of aliases).
 * Aliases to one node share one value, as with `toJS`; an alias inside the
 * node it names becomes null. Linear in the document; `expanded` is the node
 * count of the tree ajv would walk (aliases counted as what they stand for),
 * `literal` the document's own. `dollarKeys`: whether a map key starts with
 * `$` (a strategic-merge patch directive may be there).
 */
export function plainValue(node: unknown, doc: YamlDocument): { value: unknown; literal: number; expanded: number; dollarKeys: boolean } {
  const done = new Map<unknown, unknown>();
  /** Expanded size (in nodes) of each converted anchored collection, aliases counted as what they stand for. */
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  let literal = 0;
  let dollarKeys = false;
  /** Expanded size of the value `convert` returned last (a variable rather than a tuple per node: this runs for every node of every object). */
  let lastSize = 0;
  const convert = (n: unknown): unknown => {
    literal++;
    if (isAlias(n)) {
      const target = doc.resolveAlias(n);
      if (target === undefined || open.has(target)) {
        lastSize = 1;
        return null;
      }
      if (done.has(target)) {
        lastSize = sizes.get(target) ?? 1;
        return done.get(target);
      }
      return convert(target);
    }
    if (isScalar(n)) {
      const v = n.value;
      lastSize = 1;
      return typeof v === 'bigint' ? Number(v) : v;
    }
    if (isSeq(n) || isMap(n)) {
      const seq = isSeq(n);
      const out: unknown[] | Record<string, unknown> = seq ? [] : {};
      // Only an anchored node can be named by an alias: only those are tracked (most documents have none).
      const anchored = n.anchor !== undefined;
      if (anchored) {
        open.add(n);
        done.set(n, out);
      }
      let size = 1;
      for (const item of n.items) {
        if (isPair(item)) {
          // A pair in a sequence (`[a: b]`) is a single-pair map.
          const target = seq ? {} : (out as Record<string, unknown>);
          size += setKey(target, item.key, item.value);
          if (seq) (out as unknown[]).push(target);
        } else if (seq) {
          (out as unknown[]).push(convert(item));
          size += lastSize;
        }
      }
      if (anchored) {
        open.delete(n);
        sizes.set(n, size);
      }
      lastSize = size;
      return out;
    }
    lastSize = 1;
    return n === undefined ? undefined : null;
  };
  const setKey = (out: Record<string, unknown>, key: unknown, value: unknown): number => {
    const k = convert(key);
    const keySize = lastSize;
    const name = k === null || k === undefined ? '' : typeof k === 'string' ? k : typeof k === 'object' ? JSON.stringify(k) : String(k);
    if (name.charCodeAt(0) === 36 /* $ */) dollarKeys = true;
    const v = convert(value);
    // Plain assignment keeps objects in V8's fast mode; only `__proto__` needs defineProperty to stay an own key.
    if (name === '__proto__') Object.defineProperty(out, name, { value: v, writable: true, enumerable: true, configurable: true });
    else out[name] = v;
    return keySize + lastSize;
  };
  const value = convert(node);
  return { value, literal, expanded: lastSize, dollarKeys };
}

/** The object's plain value, or undefined when its aliases expand it beyond what is safe to walk. */
function boundedValue(node: unknown, doc: YamlDocument): { value: unknown; dollarKeys: boolean } | undefined {
  const plain = plainValue(node, doc);
  // Parsing reports such documents (and does not lint them); this bound holds for documents from anywhere.
  return plain.value === undefined || plain.expanded > expansionLimit(plain.literal) ? undefined : plain;
}

/** Fields whose misspelling leaves a workload less protected than its author believes. */
const SECURITY_FIELDS = new Set([
  'securityContext',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostUsers',
  'shareProcessNamespace',
  'automountServiceAccountToken',
  'privileged',
  'allowPrivilegeEscalation',
  'readOnlyRootFilesystem',
  'runAsNonRoot',
  'runAsUser',
  'runAsGroup',
  'capabilities',
  'seccompProfile',
  'appArmorProfile',
  'seLinuxOptions',
  'procMount',
  'drop',
]);

function isSecurityPath(path: string[], field: string, suggestion: string | undefined): boolean {
  if (path.some((p) => p === 'securityContext')) return true;
  if (suggestion && SECURITY_FIELDS.has(suggestion)) return true;
  return SECURITY_FIELDS.has(field);
}

function decode(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolve(node: unknown, doc: YamlDocument): unknown {
  let n = node;
  for (let i = 0; i < 8 && isAlias(n); i++) n = doc.resolveAlias(n);
  return n;
}

interface Located {
  /** The deepest node found along the path. */
  node: Node;
  /** The key node of the pair holding `node`, when `node` is a map value. */
  key?: Node;
  /** Whether the whole path was found. */
  complete: boolean;
  /** Nearest key node found along the way (for missing-field reports). */
  nearestKey?: Node;
}

function keyText(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}

function locate(root: YAMLMap, segments: string[], doc: YamlDocument): Located {
  let node: Node = root;
  let key: Node | undefined;
  let nearestKey: Node | undefined;
  for (const seg of segments) {
    const cur = resolve(node, doc);
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(cur)) {
      for (const item of cur.items) {
        if (isPair(item) && keyText(item.key) === seg) {
          next = (item.value ?? undefined) as Node | undefined;
          nextKey = item.key as Node;
          if (!next) return { node: item.key as Node, key: nextKey, complete: false, nearestKey: nextKey };
          break;
        }
      }
    } else if (isSeq(cur)) {
      const i = Number(seg);
      const item = Number.isInteger(i) ? cur.items[i] : undefined;
      if (item) next = item as Node;
      nextKey = undefined;
    }
    if (!next) return { node, key, complete: false, nearestKey };
    node = next;
    key = nextKey;
    if (nextKey) nearestKey = nextKey;
  }
  return { node, key, complete: true, nearestKey };
}

/** First line of a node's range. */
function spanOf(node: Node | undefined, text: string): Span | undefined {
  const range = node?.range;
  if (!range) return undefined;
  let end = range[1];
  const nl = text.indexOf('\n', range[0]);
  if (nl >= 0 && nl < end) end = nl;
  while (end > range[0] && /\s/.test(text[end - 1]!)) end--;
  return { start: range[0], end: Math.max(end, range[0]) };
}

/** `/spec/containers/0/name` -> `spec.containers[0].name` */
function dotted(pointer: string): string {
  const out: string[] = [];
  for (const seg of decode(pointer)) {
    if (/^\d+$/.test(seg) && out.length) out[out.length - 1] += `[${seg}]`;
    else out.push(seg);
  }
  return out.join('.') || '(object)';
}

function expectedText(type: unknown): string {
  const names: Record<string, string> = { object: 'a map', array: 'a list', string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean (true or false)' };
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => names[String(t)] ?? String(t)).join(' or ');
}

function mapErrors(errors: ErrorObject[], base: YAMLMap, doc: YamlDocument, src: string, prefix: string, exempt: readonly string[]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const root = base;
  for (const e of errors) {
    // Unions of object shapes (JSONSchemaPropsOrArray, ...): a branch's errors say nothing on their own.
    if (e.keyword === 'anyOf' || e.schemaPath.includes('/anyOf/')) continue;
    const segments = decode(e.instancePath);
    const shown = prefix + e.instancePath;
    if (e.keyword === 'additionalProperties') {
      const field = String((e.params as { additionalProperty: string }).additionalProperty);
      const parent = locate(root, segments, doc);
      if (!parent.complete) continue;
      const map = resolve(parent.node, doc);
      if (!isMap(map)) continue;
      const pair = map.items.find((p) => isPair(p) && keyText(p.key) === field);
      const span = spanOf(pair?.key as Node | undefined, src);
      if (!span) continue;
      const allowed = Object.keys(((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties) ?? {});
      if (field.startsWith('$')) allowed.push(...DIRECTIVE_NAMES);
      const suggestion = closestMatch(field, allowed);
      const fullPath = [...decode(prefix), ...segments];
      push(out, seen, { type: 'unknown-field', span, field, path: dotted(shown), suggestion, security: isSecurityPath(fullPath, field, suggestion) });
    } else if (e.keyword === 'type') {
      // null is how YAML writes "unset" (`creationTimestamp: null`, an empty `securityContext:`): Kubernetes accepts it.
      if (e.data === null || e.data === undefined) continue;
      const at = locate(root, segments, doc);
      if (!at.complete) continue;
      const span = spanOf(at.node, src);
      if (!span) continue;
      push(out, seen, { type: 'type', span, path: dotted(shown), expected: expectedText((e.params as { type: unknown }).type), actual: kindOf(e.data) });
    } else if (e.keyword === 'required') {
      // A map that a strategic-merge patch deletes (or a list item that is a directive) is not a whole object.
      if (exempted(e.instancePath, exempt)) continue;
      const field = String((e.params as { missingProperty: string }).missingProperty);
      const at = locate(root, segments, doc);
      let anchor: Node | undefined;
      if (at.complete && at.key) anchor = at.key;
      else {
        const target = resolve(at.node, doc);
        // A list item (a container): its first key, e.g. `- image: nginx`.
        if (at.complete && isMap(target) && target.items.length > 0 && isPair(target.items[0])) anchor = target.items[0].key as Node;
        else anchor = at.nearestKey;
      }
      if (!anchor && segments.length === 0) {
        // The object itself: its first key (usually apiVersion).
        const first = root.items[0];
        if (first && isPair(first)) anchor = first.key as Node;
      }
      const span = spanOf(anchor, src);
      if (!span) continue;
      push(out, seen, { type: 'required', span, field, path: dotted(shown) });
    }
  }
  return out;
}

function push(out: SchemaProblem[], seen: Set<string>, p: SchemaProblem): void {
  const id = `${p.type}\u0000${p.span.start}\u0000${'field' in p ? p.field : ''}`;
  if (seen.has(id)) return;
  seen.add(id);
  out.push(p);
}
