// Kustomize patches applied in process (issue 18): strategic merge (with kyaml's behaviour, which
// `kubectl kustomize` follows), JSON 6902, targets, problems, and the provenance of patched nodes.
// The golden cases under test/fixtures/kustomize/patch-* compare whole builds with kubectl's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isScalar, parseAllDocuments, parseDocument, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { applyPatches, type PatchSpec } from '../../../server/src/engine/project/kustomize/patches';
import { parseLabelSelector } from '../../../server/src/engine/project/kustomize/select';
import { Provenance, type BuiltObject, type ProjectProblem } from '../../../server/src/engine/project/types';
import { dedent } from '../../helpers/rule-tester';
import { memoryHost } from '../../helpers/kustomize-host';

const BASE = '/repo/base/deployment.yaml';
const KUST = '/repo/overlay/kustomization.yaml';
const PATCH = '/repo/overlay/patch.yaml';

/** Objects of a resource file, every node's origin its range in that file. */
function objectsOf(file: string, text: string): BuiltObject[] {
  return parseAllDocuments(text).map((doc) => {
    const provenance = new Provenance();
    const visit = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      const node = n as Node & { items?: unknown[]; key?: unknown; value?: unknown };
      if (node.range) provenance.set(node, { file, span: { start: node.range[0], end: node.range[1] } });
      if ('key' in node && 'value' in node) {
        visit(node.key);
        visit(node.value);
      }
      for (const item of node.items ?? []) visit(item);
    };
    visit(doc.contents);
    const node = doc.contents as YAMLMap;
    return { node, provenance, source: { file, span: { start: node.range![0], end: node.range![1] } } };
  });
}

const DEPLOYMENT = dedent(`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    labels:
      app: web
  spec:
    replicas: 1
    template:
      spec:
        securityContext:
          runAsNonRoot: true
        containers:
          - name: app
            image: nginx:1.25
            args: ["--port", "8080"]
            env:
              - name: MODE
                value: production
            securityContext:
              allowPrivilegeEscalation: false
          - name: sidecar
            image: envoy:1
        volumes:
          - name: cache
            emptyDir: {}
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: web-config
  data:
    mode: production
`);

interface Run {
  objects: BuiltObject[];
  problems: ProjectProblem[];
  inputs: Set<string>;
  patches: Set<string>;
  json: Record<string, unknown>[];
}

function run(specs: Partial<PatchSpec>[], files: Record<string, string>, base = DEPLOYMENT): Run {
  const out = { problems: [] as ProjectProblem[], inputs: new Set<string>(), patches: new Set<string>() };
  const full = specs.map((s) => ({ field: 'patches' as const, kustomization: KUST, entry: { start: 0, end: 5 }, ...s }));
  const objects = applyPatches(objectsOf(BASE, base), full, memoryHost({ [BASE]: base, ...files }), out);
  return { objects, ...out, json: objects.map((o) => o.node.toJSON() as Record<string, unknown>) };
}

/** A strategic merge patch of the Deployment "web": its header, then `body` (dedented). */
const deploymentPatch = (body: string): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${dedent(body)}`;

const at = (o: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((x, k) => (x as Record<string | number, unknown> | undefined)?.[k], o);
const spec = (r: Run): Record<string, unknown> => at(r.json[0], 'spec', 'template', 'spec') as Record<string, unknown>;

/** The node at a path of the built object (map keys and list indexes). */
function nodeAt(obj: BuiltObject, ...path: (string | number)[]): Node {
  let n: unknown = obj.node;
  for (const k of path) n = typeof k === 'number' ? (n as YAMLSeq).items[k] : (n as YAMLMap).get(k, true);
  return n as Node;
}

test('strategic merge: containers merge by name, patch elements first (kyaml prepends), maps merge, scalars replace', () => {
  const patch = deploymentPatch(`
    spec:
      replicas: 3
      template:
        spec:
          containers:
            - name: sidecar
              image: envoy:2
            - name: app
              env:
                - name: EXTRA
                  value: "1"
              securityContext:
                privileged: true
  `);
  const r = run([{ path: PATCH }], { [PATCH]: patch });
  assert.deepEqual(r.problems, []);
  assert.equal(at(r.json[0], 'spec', 'replicas'), 3);
  const containers = spec(r).containers as Record<string, unknown>[];
  assert.deepEqual(containers.map((c) => c.name), ['sidecar', 'app']);
  assert.equal(containers[0]!.image, 'envoy:2');
  assert.deepEqual(containers[1]!.env, [{ name: 'EXTRA', value: '1' }, { name: 'MODE', value: 'production' }]);
  assert.deepEqual(containers[1]!.securityContext, { allowPrivilegeEscalation: false, privileged: true });
  assert.deepEqual(containers[1]!.args, ['--port', '8080']);
  assert.ok(r.patches.has(PATCH) && r.inputs.has(PATCH));
});

test('provenance: nodes the patch wrote point at the patch file (value and key), nodes kept from the base keep theirs', () => {
  const patch = deploymentPatch(`
    spec:
      template:
        spec:
          containers:
            - name: app
              securityContext:
                privileged: true
  `);
  const r = run([{ path: PATCH }], { [PATCH]: patch });
  const obj = r.objects[0]!;
  const app = (nodeAt(obj, 'spec', 'template', 'spec', 'containers') as YAMLSeq).items.find((c) => (c as YAMLMap).get('name') === 'app') as YAMLMap;
  const privileged = (app.get('securityContext', true) as unknown as YAMLMap).get('privileged', true) as Scalar;
  const origin = obj.provenance.get(privileged)!;
  assert.equal(origin.file, PATCH);
  assert.equal(origin.via, 'patches');
  assert.equal(patch.slice(origin.span.start, origin.span.end), 'true');
  assert.equal(patch.slice(origin.keySpan!.start, origin.keySpan!.end), 'privileged');
  const ape = (app.get('securityContext', true) as unknown as YAMLMap).get('allowPrivilegeEscalation', true) as Scalar;
  assert.equal(obj.provenance.get(ape)!.file, BASE);
  const image = app.get('image', true) as Scalar;
  assert.equal(DEPLOYMENT.slice(obj.provenance.get(image)!.span.start, obj.provenance.get(image)!.span.end), 'nginx:1.25');
  // The object's name stays the base's node (kustomize restores the target's name, kind and namespace).
  assert.equal(obj.provenance.get(nodeAt(obj, 'metadata', 'name'))!.file, BASE);
});

test('provenance: a scalar the patch restates (the merge key `- name: app`, an equal value) keeps the base node; a changed one is the patch\'s', () => {
  const patch = deploymentPatch(`
    spec:
      replicas: 1
      template:
        spec:
          containers:
            - name: app
              image: nginx:1.25
              args: ["--port", "8080"]
              env:
                - name: MODE
                  value: staging
  `);
  const r = run([{ path: PATCH }], { [PATCH]: patch });
  const obj = r.objects[0]!;
  const app = nodeAt(obj, 'spec', 'template', 'spec', 'containers', 0) as YAMLMap;
  const fileOf = (n: unknown): string | undefined => obj.provenance.get(n as Node)?.file;
  assert.equal(fileOf(app.get('name', true)), BASE, 'the merge key names the container, it does not write it');
  assert.equal(DEPLOYMENT.slice(obj.provenance.get(app.get('name', true) as Node)!.span.start).split('\n')[0], 'app');
  assert.equal(fileOf(app.get('image', true)), BASE, 'an equal value: the base wrote it first');
  assert.equal(fileOf(nodeAt(obj, 'spec', 'replicas')), BASE);
  const env = (app.get('env', true) as unknown as YAMLSeq).items[0] as YAMLMap;
  assert.equal(fileOf(env.get('name', true)), BASE);
  assert.equal(fileOf(env.get('value', true)), PATCH, 'a changed value is the patch\'s');
  // A list the patch replaces whole (args has no merge key) is the patch's, equal or not.
  assert.equal(fileOf(app.get('args', true)), PATCH);
});

test('$patch: delete removes a list element, a map, and (as a whole document) the object; null deletes a field', () => {
  const patch = dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels:
        app: null
    spec:
      replicas: ~
      template:
        spec:
          securityContext:
            $patch: delete
          containers:
            - name: sidecar
              $patch: delete
            - name: app
              args:
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: web-config
    $patch: delete
  `);
  const r = run([{ path: PATCH }], { [PATCH]: patch });
  assert.deepEqual(r.problems, []);
  assert.equal(r.objects.length, 1, 'the ConfigMap is deleted');
  assert.equal(at(r.json[0], 'spec', 'replicas'), undefined);
  assert.deepEqual(at(r.json[0], 'metadata', 'labels'), {}, 'the emptied map stays (kubectl prints labels: {})');
  assert.equal(spec(r).securityContext, undefined);
  const containers = spec(r).containers as Record<string, unknown>[];
  assert.deepEqual(containers.map((c) => c.name), ['app']);
  assert.equal(containers[0]!.args, undefined);
});

test('$patch: replace on a map and on a list; a list directive element is not kept', () => {
  const patch = deploymentPatch(`
    spec:
      template:
        spec:
          securityContext:
            $patch: replace
            runAsUser: 0
          volumes:
            - $patch: replace
            - name: scratch
              emptyDir: {}
  `);
  const r = run([{ path: PATCH }], { [PATCH]: patch });
  assert.deepEqual(spec(r).securityContext, { runAsUser: 0 });
  assert.deepEqual(spec(r).volumes, [{ name: 'scratch', emptyDir: {} }]);
});

test('as in kubectl kustomize (kyaml): $setElementOrder and $retainKeys are merged as plain fields, and $patch: replace on a keyed element keeps the target element', () => {
  const patch = deploymentPatch(`
    spec:
      template:
        spec:
          $setElementOrder/containers:
            - name: sidecar
            - name: app
          containers:
            - name: app
              $patch: replace
              image: replaced:1
          volumes:
            - name: cache
              $retainKeys: [name, hostPath]
              hostPath:
                path: /x
  `);
  const r = run([{ path: PATCH }], { [PATCH]: patch });
  assert.deepEqual(spec(r)['$setElementOrder/containers'], [{ name: 'sidecar' }, { name: 'app' }]);
  assert.equal((spec(r).containers as Record<string, unknown>[])[0]!.image, 'nginx:1.25');
  assert.deepEqual(spec(r).volumes, [{ name: 'cache', emptyDir: {}, $retainKeys: ['name', 'hostPath'], hostPath: { path: '/x' } }]);
});

test('kinds without a schema (CRDs): maps merge, lists are replaced', () => {
  const base = dedent(`
    apiVersion: example.com/v1
    kind: Widget
    metadata:
      name: w
    spec:
      parts: [{name: a, size: 1}, {name: b, size: 2}]
      settings: {color: red, shape: round}
  `);
  const patch = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  parts: [{name: b, size: 3}]\n  settings: {shape: square}\n';
  const r = run([{ path: PATCH }], { [PATCH]: patch }, base);
  assert.deepEqual(r.json[0]!.spec, { parts: [{ name: 'b', size: 3 }], settings: { color: 'red', shape: 'square' } });
});

test('a patch document per object: several documents in one file, each applied to the object it names', () => {
  const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {extra: "1"}\n';
  const r = run([{ field: 'patchesStrategicMerge', path: PATCH }], { [PATCH]: patch });
  assert.equal(at(r.json[0], 'spec', 'replicas'), 2);
  assert.deepEqual(r.json[1]!.data, { mode: 'production', extra: '1' });
});

test('JSON 6902: add with - and an index, remove, replace, move, copy, test, ~1 escapes and negative indexes', () => {
  const ops = dedent(`
    - op: test
      path: /spec/replicas
      value: 1
    - op: add
      path: /spec/template/spec/containers/0/args/-
      value: --verbose
    - op: add
      path: /spec/template/spec/containers/0/env/0
      value: {name: FIRST, value: "1"}
    - op: remove
      path: /spec/template/spec/containers/1
    - op: replace
      path: /spec/replicas
      value: 4
    - op: copy
      from: /spec/template/spec/containers/0/image
      path: /metadata/labels/image
    - op: move
      from: /spec/template/spec/volumes
      path: /spec/template/spec/oldVolumes
    - op: add
      path: /metadata/labels/app.kubernetes.io~1part-of
      value: shop
    - op: replace
      path: /spec/template/spec/containers/-1/image
      value: nginx:1.27
  `);
  const r = run([{ path: PATCH, target: { kind: 'Deployment' } }], { [PATCH]: ops });
  assert.deepEqual(r.problems, []);
  const c = spec(r).containers as Record<string, unknown>[];
  assert.equal(c.length, 1);
  assert.deepEqual(c[0]!.args, ['--port', '8080', '--verbose']);
  assert.deepEqual((c[0]!.env as unknown[])[0], { name: 'FIRST', value: '1' });
  assert.equal(c[0]!.image, 'nginx:1.27');
  assert.equal(at(r.json[0], 'spec', 'replicas'), 4);
  assert.deepEqual(at(r.json[0], 'metadata', 'labels'), { app: 'web', image: 'nginx:1.25', 'app.kubernetes.io/part-of': 'shop' });
  assert.deepEqual(spec(r).oldVolumes, [{ name: 'cache', emptyDir: {} }]);
  assert.equal(spec(r).volumes, undefined);
  // The value a JSON patch added points at the patch; the moved list keeps the base's origin.
  const obj = r.objects[0]!;
  const added = nodeAt(obj, 'metadata', 'labels', 'app.kubernetes.io/part-of');
  const o = obj.provenance.get(added)!;
  assert.equal(o.file, PATCH);
  assert.equal(ops.slice(o.span.start, o.span.end), 'shop');
  assert.equal(obj.provenance.get(nodeAt(obj, 'spec', 'template', 'spec', 'oldVolumes'))!.file, BASE);
});

test('JSON 6902 in JSON form, and a ConfigMap picked by version and kind', () => {
  const r = run([{ path: PATCH, target: { version: 'v1', kind: 'ConfigMap' } }], { [PATCH]: '[{"op": "add", "path": "/data/x", "value": "1"}]' });
  assert.deepEqual(r.json[1]!.data, { mode: 'production', x: '1' });
  assert.equal(at(r.json[0], 'data'), undefined);
});

test('JSON 6902 errors are reported at the operation in the patch file, and the object is left as it was', () => {
  const ops = '- op: replace\n  path: /spec/replicas\n  value: 2\n- op: test\n  path: /spec/replicas\n  value: 3\n';
  const r = run([{ path: PATCH, target: { kind: 'Deployment' } }], { [PATCH]: ops });
  assert.equal(r.problems.length, 1);
  const p = r.problems[0]!;
  assert.equal(p.file, PATCH);
  assert.match(p.message, /testing value \/spec\/replicas failed: test failed/);
  assert.equal(ops.slice(p.span.start, p.span.end), '/spec/replicas', 'the failing operation\'s path, one line');
  assert.equal(p.span.start, ops.indexOf('/spec/replicas', ops.indexOf('op: test')));
  assert.equal(at(r.json[0], 'spec', 'replicas'), 1);

  for (const [op, message] of [
    ['- op: replace\n  path: /spec/strategy/type\n  value: Recreate\n', 'replace operation does not apply: doc is missing path: /spec/strategy/type: missing value'],
    ['- op: add\n  path: /spec/template/spec/containers/5\n  value: {}\n', "error in add for path: '/spec/template/spec/containers/5': Unable to access invalid index: 5: invalid index referenced"],
    ['- op: remove\n  path: /spec/nope\n', "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value"],
    ['- op: frobnicate\n  path: /spec\n', 'Unexpected kind: frobnicate'],
  ] as const) {
    const bad = run([{ path: PATCH, target: { kind: 'Deployment' } }], { [PATCH]: op });
    assert.equal(bad.problems.length, 1, op);
    assert.ok(bad.problems[0]!.message.startsWith(message), bad.problems[0]!.message);
  }
});

test('problems at the patch entry: missing file (still an input), target not found (named as kubectl names it), JSON patch without target, not a patch', () => {
  const missing = run([{ path: '/repo/overlay/nowhere.yaml' }], {});
  assert.equal(missing.problems.length, 1);
  assert.deepEqual(missing.problems[0]!.span, { start: 0, end: 5 });
  assert.equal(missing.problems[0]!.file, KUST);
  assert.match(missing.problems[0]!.message, /nowhere\.yaml not found/);
  assert.ok(missing.inputs.has('/repo/overlay/nowhere.yaml'));
  assert.equal(missing.objects.length, 2, 'nothing else is lost');

  const notFound = run([{ path: PATCH }], { [PATCH]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: webb}\nspec: {replicas: 2}\n' });
  assert.equal(notFound.problems.length, 1);
  assert.match(notFound.problems[0]!.message, /no resource matches strategic merge patch "Deployment\.v1\.apps\/webb\.\[noNs\]"/);
  assert.equal(notFound.problems[0]!.file, PATCH, 'at the name the patch looks for');

  const noTarget = run([{ path: PATCH }], { [PATCH]: '- op: remove\n  path: /spec\n' });
  assert.match(noTarget.problems[0]!.message, /must specify a target for JSON patch/);

  const notPatch = run([{ path: PATCH }], { [PATCH]: 'spec:\n  replicas: 2\n' });
  assert.match(notPatch.problems[0]!.message, /unable to parse SM or JSON patch/);

  const badYaml = run([{ path: PATCH }], { [PATCH]: 'kind: Deployment\nmetadata: {name: web\n' });
  assert.equal(badYaml.problems.length, 1);
  assert.equal(badYaml.problems[0]!.file, PATCH);

  const badStrategy = run([{ path: PATCH }], { [PATCH]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  $patch: explode\n' });
  assert.match(badStrategy.problems[0]!.message, /unknown patch strategy 'explode'/);
  assert.equal(badStrategy.problems[0]!.file, PATCH);
});

test('a target selects every matching object (the patch is copied for each); an unmatched target is not an error', () => {
  const patch = 'apiVersion: v1\nkind: Any\nmetadata: {name: any, namespace: elsewhere}\nmetadata2: {}\n';
  const r = run([{ path: PATCH, target: { name: 'web.*' } }, { path: PATCH, target: { kind: 'Nothing' } }], { [PATCH]: patch });
  assert.deepEqual(r.problems, []);
  for (const o of r.json) {
    assert.deepEqual(o.metadata2, {});
    assert.equal(at(o, 'metadata', 'namespace'), undefined, 'kustomize keeps the target namespace');
  }
  assert.notEqual(nodeAt(r.objects[0]!, 'metadata2'), nodeAt(r.objects[1]!, 'metadata2'));
  assert.equal(r.json[0]!.kind, 'Deployment');
  const renamed = run([{ path: PATCH, target: { kind: 'ConfigMap' }, options: { allowNameChange: true } }], { [PATCH]: patch });
  assert.equal(at(renamed.json[1], 'metadata', 'name'), 'any');
});

test('target selectors: names and kinds are anchored regexes; labelSelector and annotationSelector use label-selector syntax', () => {
  const base = ['a-1', 'a-2', 'b'].map((n, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\n  labels: {tier: t${i}${i === 2 ? ', legacy: "y"' : ''}}\n  annotations: {owner: o${i}}\n`).join('---\n');
  const add = '- op: add\n  path: /data\n  value: {hit: "1"}\n';
  const hits = (target: PatchSpec['target']): string[] =>
    run([{ path: PATCH, target }], { [PATCH]: add }, base).json.filter((o) => o.data).map((o) => at(o, 'metadata', 'name') as string);
  assert.deepEqual(hits({ name: 'a-.*' }), ['a-1', 'a-2']);
  assert.deepEqual(hits({ name: 'a' }), [], 'anchored: "a" does not match "a-1"');
  assert.deepEqual(hits({ kind: 'Config.*', name: 'b|a-1' }), ['a-1', 'b']);
  assert.deepEqual(hits({ labelSelector: 'tier in (t0,t2)' }), ['a-1', 'b']);
  assert.deepEqual(hits({ labelSelector: 'tier notin (t0),!legacy' }), ['a-2']);
  assert.deepEqual(hits({ labelSelector: 'legacy' }), ['b']);
  assert.deepEqual(hits({ labelSelector: 'tier!=t1' }), ['a-1', 'b']);
  assert.deepEqual(hits({ annotationSelector: 'owner=o1' }), ['a-2']);
  assert.deepEqual(hits({ namespace: 'default' }), ['a-1', 'a-2', 'b'], 'no namespace is the default namespace');
  const bad = run([{ path: PATCH, target: { name: '(' } }], { [PATCH]: add }, base);
  assert.match(bad.problems[0]!.message, /invalid patch target/);
  assert.throws(() => parseLabelSelector('a in b'));
});

test('inline patches: nodes map back to the line in the kustomization (block scalar indentation removed, quoted JSON)', () => {
  const kustomization = dedent(`
    resources:
      - ../base
    patches:
      - patch: |-
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
          spec:
            template:
              spec:
                containers:
                  - name: app
                    securityContext:
                      privileged: true
      - target: {kind: ConfigMap}
        patch: '[{"op": "add", "path": "/data/x", "value": "inline"}]'
  `);
  const doc = parseDocument(kustomization);
  const entries = (doc.get('patches') as YAMLSeq).items as YAMLMap[];
  const inline = (i: number): Scalar => entries[i]!.get('patch', true) as Scalar;
  const out = { problems: [] as ProjectProblem[], inputs: new Set<string>(), patches: new Set<string>() };
  const specs: PatchSpec[] = [
    { field: 'patches', inline: inline(0), kustomization: KUST, entry: { start: 0, end: 1 } },
    { field: 'patches', inline: inline(1), kustomization: KUST, entry: { start: 0, end: 1 }, target: { kind: 'ConfigMap' } },
  ];
  const objects = applyPatches(objectsOf(BASE, DEPLOYMENT), specs, memoryHost({ [KUST]: kustomization }), out);
  assert.deepEqual(out.problems, []);
  assert.equal(out.patches.size, 0, 'an inline patch is not a patch file');
  const app = nodeAt(objects[0]!, 'spec', 'template', 'spec', 'containers', 0) as YAMLMap;
  const privileged = (app.get('securityContext', true) as unknown as YAMLMap).get('privileged', true) as Node;
  const o = objects[0]!.provenance.get(privileged)!;
  assert.equal(o.file, KUST);
  assert.equal(kustomization.slice(o.span.start, o.span.end), 'true');
  assert.equal(kustomization.slice(o.keySpan!.start, o.keySpan!.end), 'privileged');
  const x = nodeAt(objects[1]!, 'data', 'x');
  assert.ok(isScalar(x));
  const ox = objects[1]!.provenance.get(x)!;
  assert.equal(kustomization.slice(ox.span.start, ox.span.end), '"inline"');
});

test('inline patch errors land in the kustomization', () => {
  const kustomization = 'patches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: test\n        path: /spec/replicas\n        value: 9\n';
  const doc = parseDocument(kustomization);
  const inline = ((doc.get('patches') as YAMLSeq).items[0] as YAMLMap).get('patch', true) as Scalar;
  const out = { problems: [] as ProjectProblem[], inputs: new Set<string>(), patches: new Set<string>() };
  applyPatches(objectsOf(BASE, DEPLOYMENT), [{ field: 'patches', inline, kustomization: KUST, entry: { start: 0, end: 1 }, target: { kind: 'Deployment' } }], memoryHost({ [KUST]: kustomization }), out);
  assert.equal(out.problems.length, 1);
  const p = out.problems[0]!;
  assert.equal(p.file, KUST);
  assert.equal(kustomization.slice(p.span.start, p.span.end), '/spec/replicas');
});
