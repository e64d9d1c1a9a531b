// lintBuiltObject (engine/project/map-findings.ts): a built object's findings are reported where the
// flagged nodes were written: a value set by a patch on the patch line, a key on the key, a missing
// setting at the nearest key's origin; comments copied from a source never act in the built text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, isMap, Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { DEFAULT_SETTINGS } from '../../../server/src/engine';
import { lintBuiltObject, lintableText } from '../../../server/src/engine/project/map-findings';
import { markTree } from '../../../server/src/engine/project/kustomize/model';
import { Provenance, type BuiltObject } from '../../../server/src/engine/project/types';
import { LineIndex } from '../../../server/src/engine/text';

const BASE = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  automountServiceAccountToken: false
  serviceAccountName: web
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: app
      # shipshape-disable-next-line image-latest-tag
      image: "registry.k8s.io/app:latest"
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {drop: [ALL]}
      resources:
        limits: {cpu: 100m, memory: 64Mi}
        requests: {cpu: 100m, memory: 64Mi}
`;
const PATCH = `spec:
  containers:
    - name: app
      securityContext:
        privileged: true
`;

/** The base pod with the patch's `privileged: true` pair added to the container's securityContext, origins kept. */
function built(): { object: BuiltObject; texts: Map<string, string> } {
  const provenance = new Provenance();
  const base = parseDocument(BASE).contents as YAMLMap;
  markTree(base, '/p/base/pod.yaml', provenance);
  const patch = parseDocument(PATCH).contents as YAMLMap;
  markTree(patch, '/p/overlay/patch.yaml', provenance);
  const container = ((base.getIn(['spec', 'containers']) as YAMLSeq).items[0] as YAMLMap);
  const sc = container.get('securityContext') as YAMLMap;
  const pair = (((patch.getIn(['spec', 'containers']) as YAMLSeq).items[0] as YAMLMap).get('securityContext') as YAMLMap).items[0]!;
  sc.items.push(pair);
  const object: BuiltObject = { node: provenance.copy(base), provenance, source: { file: '/p/base/pod.yaml', span: { start: 0, end: BASE.length } } };
  return { object, texts: new Map([['/p/base/pod.yaml', BASE], ['/p/overlay/patch.yaml', PATCH]]) };
}

describe('lintBuiltObject', () => {
  it('reports a key a patch wrote on the patch line, at the key', () => {
    const { object, texts } = built();
    const found = lintBuiltObject(object, DEFAULT_SETTINGS, (f) => texts.get(f));
    const privileged = found.filter((m) => m.finding.ruleId === 'privileged-container');
    assert.equal(privileged.length, 1);
    assert.equal(privileged[0]!.file, '/p/overlay/patch.yaml');
    const { span } = privileged[0]!.finding;
    assert.equal(PATCH.slice(span.start, span.end), 'privileged', 'the rule flags the key: reported at the key in the patch');
    assert.equal(new LineIndex(PATCH).position(span.start).line, 4);
  });

  it('reports a base value on the base line, and comments of the source do not suppress in the built text', () => {
    const { object, texts } = built();
    assert.doesNotMatch(lintableText(object), /#/);
    const latest = lintBuiltObject(object, DEFAULT_SETTINGS, (f) => texts.get(f)).filter((m) => m.finding.ruleId === 'image-latest-tag');
    assert.equal(latest.length, 1);
    assert.equal(latest[0]!.file, '/p/base/pod.yaml');
    assert.equal(new LineIndex(BASE).position(latest[0]!.finding.span.start).line, 13);
    assert.equal(latest[0]!.finding.fixes, undefined, 'fixes of the built text are never offered');
  });

  it('falls back to the nearest ancestor with an origin, and to the object source', () => {
    const { object, texts } = built();
    // A node a transformer made without an origin: the image scalar replaced by a new one.
    const container = ((object.node.getIn(['spec', 'containers']) as YAMLSeq).items[0] as YAMLMap);
    assert.ok(isMap(container));
    container.set('image', new Scalar('registry.k8s.io/app:latest'));
    const latest = lintBuiltObject(object, DEFAULT_SETTINGS, (f) => texts.get(f)).filter((m) => m.finding.ruleId === 'image-latest-tag');
    assert.equal(latest[0]!.file, '/p/base/pod.yaml');
    // A value without an origin: its key's line (`image:`, line 14).
    assert.equal(new LineIndex(BASE).position(latest[0]!.finding.span.start).line, 13);
    assert.equal(BASE.slice(latest[0]!.finding.span.start, latest[0]!.finding.span.end), 'image');
    // A map without an origin either: the nearest ancestor's (the container, from its first key `name: app`).
    container.items.splice(container.items.findIndex((p) => String((p.key as Scalar).value) === 'image'), 1);
    container.add({ key: new Scalar('image'), value: new Scalar('registry.k8s.io/app:latest') });
    const again = lintBuiltObject(object, DEFAULT_SETTINGS, (f) => texts.get(f)).filter((m) => m.finding.ruleId === 'image-latest-tag');
    assert.equal(new LineIndex(BASE).position(again[0]!.finding.span.start).line, 11);
  });
});
