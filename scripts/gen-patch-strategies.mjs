// Generates server/src/engine/project/kustomize/patch-strategies.json: the strategic-merge
// list strategies (x-kubernetes-patch-strategy, x-kubernetes-patch-merge-key,
// x-kubernetes-list-map-keys) of the built-in kinds, from the Kubernetes OpenAPI document that
// kustomize v5 embeds (kyaml/openapi/kubernetesapi, Kubernetes v1.21.2), so the in-process
// build merges lists exactly as `kubectl kustomize` does. Only the paths that lead to a list
// with a merge strategy are kept.
//
//   node scripts/gen-patch-strategies.mjs <kubernetes-openapi-union-v1.21.2.bundle-v1.json[.gz]>
//
// The input is the file kyaml/openapi/kubernetesapi/data/kubernetes-openapi-union-v1.21.2.bundle-v1.json.gz
// of github.com/kubernetes-sigs/kustomize. Deterministic: keys are sorted.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const input = process.argv[2];
if (!input) {
  console.error('usage: node scripts/gen-patch-strategies.mjs <kubernetes openapi bundle (.json or .json.gz)>');
  process.exit(2);
}
const raw = readFileSync(input);
const doc = JSON.parse((input.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
const definitions = doc.definitions;
const short = (ref) => ref.replace(/^#\/definitions\//, '').replace(/^io\.k8s\.(api\.)?/, '');
const refOf = (schema) => (schema && typeof schema.$ref === 'string' ? schema.$ref.replace(/^#\/definitions\//, '') : undefined);

/** Entry for one property: child definition (object, items or map values) and list strategy. */
function entryOf(schema) {
  const e = {};
  const strategy = schema['x-kubernetes-patch-strategy'];
  if (schema.type === 'array') {
    if (strategy) {
      e.s = strategy;
      const keys = schema['x-kubernetes-list-map-keys'] ?? (schema['x-kubernetes-patch-merge-key'] ? [schema['x-kubernetes-patch-merge-key']] : []);
      if (keys.length > 0) e.k = keys;
    }
    const child = refOf(schema.items);
    if (child) e.t = child;
  } else if (schema.type === 'object' && schema.additionalProperties) {
    const child = refOf(schema.additionalProperties);
    if (child) e.m = child;
  } else {
    const child = refOf(schema) ?? refOf(schema.allOf?.[0]);
    if (child) e.t = child;
  }
  return e;
}

// Keep a definition when one of its properties has a list merge strategy or leads to one.
const keep = new Map();
function useful(name, stack = new Set()) {
  if (keep.has(name)) return keep.get(name);
  if (stack.has(name)) return false;
  stack.add(name);
  let any = false;
  for (const schema of Object.values(definitions[name]?.properties ?? {})) {
    const e = entryOf(schema);
    if (e.s?.split(',').includes('merge')) any = true;
    for (const child of [e.t, e.m]) if (child && useful(child, stack)) any = true;
  }
  stack.delete(name);
  keep.set(name, any);
  return any;
}

const defs = {};
const kinds = {};
for (const name of Object.keys(definitions).sort()) {
  for (const gvk of definitions[name]['x-kubernetes-group-version-kind'] ?? []) {
    if (!useful(name)) continue;
    kinds[`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`] = short(name);
  }
}
for (const name of [...keep.keys()].sort()) {
  if (!keep.get(name)) continue;
  const props = {};
  for (const [prop, schema] of Object.entries(definitions[name].properties ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const e = entryOf(schema);
    const out = {};
    if (e.s) out.s = e.s;
    if (e.k) out.k = e.k;
    if (e.t && keep.get(e.t)) out.t = short(e.t);
    if (e.m && keep.get(e.m)) out.m = short(e.m);
    if (Object.keys(out).length > 0) props[prop] = out;
  }
  defs[short(name)] = props;
}
const source = `kustomize kyaml OpenAPI (Kubernetes ${doc.sources?.[0]?.kubernetesVersion ?? 'unknown'})`;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'server/src/engine/project/kustomize/patch-strategies.json');
writeFileSync(out, `${JSON.stringify({ source, kinds, defs })}\n`);
console.log(`wrote ${out}: ${Object.keys(kinds).length} kinds, ${Object.keys(defs).length} definitions`);
