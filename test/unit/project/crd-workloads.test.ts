// Workload-like custom resources (engine/project/crd-workloads.ts, views/workloads.ts; issue 19): a CRD of the
// project whose schema embeds a pod makes its custom resources workloads, in one file, across folders and
// through a kustomize overlay; a CRD without a pod, and a resource of a CRD the project does not define, change
// nothing. Fixtures: test/fixtures/project/crd-workloads/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, lintText, type Finding } from '../../../server/src/engine';
import { crdWorkloads, customWorkloads, podInSchema, textWorkloads } from '../../../server/src/engine/project/crd-workloads';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import { LineIndex } from '../../../server/src/engine/text';
import { diskHost } from '../../helpers/kustomize-host';
import { yamlFiles } from '../../helpers/relations';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'project', 'crd-workloads');
/** Rules on the pod spec and its containers, and one on the object (which every resource gets). */
const POD_RULES = ['privileged-container', 'host-pid', 'run-as-root', 'missing-memory-limit'];

/** `rule@line` of the pod rules' findings per file (relative), over the project `dir`. */
function scan(dir: string, relations = true): Record<string, string[]> {
  const root = join(FIXTURES, dir);
  const host = diskHost();
  const result = lintProject(host, yamlFiles(root), { settingsFor: () => DEFAULT_SETTINGS, root, relations });
  const out: Record<string, string[]> = {};
  for (const [file, list] of result.files) {
    const lines = new LineIndex(host.readFile(file) ?? '');
    const found = list.filter((f: Finding) => POD_RULES.includes(f.ruleId)).map((f) => `${f.ruleId}@${lines.position(f.span.start).line + 1}`);
    if (found.length) out[file.slice(FIXTURES.length + 1)] = found.sort();
  }
  return out;
}

const podTemplateSchema = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        template: { type: 'object', properties: { metadata: { type: 'object' }, spec: { type: 'object', properties: { containers: { type: 'array', items: { type: 'object', properties: { image: { type: 'string' } } } } } } } },
        ...extra,
      },
    },
  },
});

describe('CRD schemas: where a custom resource keeps its pod', () => {
  it('a PodTemplateSpec (spec.template.spec.containers) and a PodSpec at its own key', () => {
    assert.deepEqual(podInSchema(podTemplateSchema()), { template: ['spec', 'template'], specKey: 'spec' });
    const podSpec = { type: 'object', properties: { spec: { type: 'object', properties: { runner: { type: 'object', properties: { containers: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } } } } } } };
    assert.deepEqual(podInSchema(podSpec), { template: ['spec'], specKey: 'runner' });
    // A Revision-like resource whose spec is the pod spec: the resource is its own template.
    const own = { type: 'object', properties: { spec: { type: 'object', properties: { containers: { type: 'array', items: { type: 'object', properties: { image: {} } } } } } } };
    assert.deepEqual(podInSchema(own), { template: [], specKey: 'spec' });
  });

  it('no pod: containers that are not container objects, templates left unspecified, lists, hostile input', () => {
    assert.equal(podInSchema({ type: 'object', properties: { spec: { type: 'object', properties: { containers: { type: 'array', items: { type: 'string' } } } } } }), undefined);
    assert.equal(podInSchema({ type: 'object', properties: { spec: { type: 'object', properties: { template: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }), undefined);
    assert.equal(podInSchema({ type: 'object', properties: { spec: { type: 'object', properties: { tasks: { type: 'array', items: podTemplateSchema() } } } } }), undefined);
    for (const hostile of [undefined, null, 'x', [], { properties: 'x' }, { properties: { spec: null } }]) assert.equal(podInSchema(hostile), undefined);
  });

  it('the shallowest pod wins', () => {
    const deep = podTemplateSchema({ extra: { type: 'object', properties: { inner: podTemplateSchema().properties.spec } } });
    assert.deepEqual(podInSchema(deep), { template: ['spec', 'template'], specKey: 'spec' });
  });

  it('keys by group, each served version, and kind; v1beta1 CRDs with one validation schema', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      spec: {
        group: 'example.com',
        names: { kind: 'Widget' },
        versions: [
          { name: 'v1', served: true, schema: { openAPIV3Schema: podTemplateSchema() } },
          { name: 'v1alpha1', served: false, schema: { openAPIV3Schema: podTemplateSchema() } },
          { name: 'v2', served: true, schema: { openAPIV3Schema: { type: 'object' } } },
        ],
      },
    };
    assert.deepEqual(crdWorkloads(crd).map(([type]) => type), ['example.com/v1/Widget']);
    const beta = { kind: 'CustomResourceDefinition', spec: { group: 'example.com', version: 'v1beta1', names: { kind: 'Old' }, validation: { openAPIV3Schema: podTemplateSchema() } } };
    assert.deepEqual(crdWorkloads(beta).map(([type]) => type), ['example.com/v1beta1/Old']);
    assert.deepEqual(crdWorkloads({ kind: 'ConfigMap' }), []);
    assert.deepEqual(crdWorkloads({ kind: 'CustomResourceDefinition', spec: { names: { kind: 'NoGroup' } } }), []);
  });
});

describe('custom resources linted as workloads', () => {
  it('one file: Widgets (pod template) and Runners (pod spec at spec.runner) are workloads; Gadgets (template unspecified) and Sprockets (no CRD) are not', () => {
    const found = scan('single')['single/widgets.yaml'] ?? [];
    assert.ok(found.includes('privileged-container@64'), JSON.stringify(found));
    assert.ok(found.includes('host-pid@107'), JSON.stringify(found));
    // The Gadget's and the Sprocket's privileged containers (lines 149 and 163) are not containers of any workload.
    assert.ok(!found.some((f) => /@(1[4-6]\d)$/.test(f)), JSON.stringify(found));
  });

  it('the CRD in one folder, the resource in another', () => {
    assert.ok(scan('multi')['multi/apps/widget.yaml']?.includes('privileged-container@16'));
    assert.ok(scan('multi', false)['multi/apps/widget.yaml']?.includes('privileged-container@16'), 'without relation rules too');
  });

  it('the resource through a kustomize overlay: the finding is on the patch line that sets privileged', () => {
    const found = scan('kustomize');
    assert.deepEqual(found['kustomize/app/overlays/prod/privileged.yaml']?.filter((f) => f.startsWith('privileged')), ['privileged-container@12']);
  });

  it('without the CRD, the same resource is untouched', () => {
    const text = readFileSync(join(FIXTURES, 'multi', 'apps', 'widget.yaml'), 'utf8');
    assert.deepEqual(lintText(text, 'yaml', { settings: DEFAULT_SETTINGS }).filter((f) => POD_RULES.includes(f.ruleId)), []);
    const workloads = customWorkloads(textWorkloads(readFileSync(join(FIXTURES, 'multi', 'crds', 'widget-crd.yaml'), 'utf8')));
    assert.deepEqual([...workloads.byType.keys()], ['example.com/v1/Widget']);
    const ids = lintText(text, 'yaml', { settings: DEFAULT_SETTINGS, workloads }).map((f) => f.ruleId);
    assert.ok(ids.includes('privileged-container') && ids.includes('run-as-root'), JSON.stringify(ids));
  });
});
