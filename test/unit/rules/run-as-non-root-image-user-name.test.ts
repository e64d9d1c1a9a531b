// Project rule run-as-non-root-image-user-name (issue 19, "Will it start?"): runAsNonRoot: true without runAsUser, and
// an image built in the project whose USER is a name. One folder (compose file + manifests), and a kustomize overlay
// whose `images:` names an image linked by the folder heuristic.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFixture, only, relatedAt } from '../../helpers/relations';

const RULE = 'run-as-non-root-image-user-name';

describe(`${RULE}: compose file and manifests in one folder`, () => {
  const p = lintFixture('images-compose');
  const file = p.path('k8s.yaml');

  it('USER app:app with a container-level runAsNonRoot (image pinned by digest): the kubelet message names the user', () => {
    assert.deepEqual(only(p.at(file), [RULE]), [`${RULE}@43`]);
    const f = p.findings(file).find((x) => x.ruleId === RULE)!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /runs as the user name "app" \(USER app:app\), which the kubelet cannot check\. The pod stays in CreateContainerConfigError \("container has runAsNonRoot and image has non-numeric user \(app\), cannot verify user is non-root"\)/);
    assert.deepEqual(relatedAt(p, file, f), ['worker/Dockerfile.prod@3', '.@41', 'compose.yaml@9']);
    assert.equal(f.related![0]!.message, 'USER app:app: a user name, not a numeric UID.');
  });

  it('not reported: USER 0 (the root rule), a numeric USER from a global ARG, runAsUser set on the pod', () => {
    assert.equal(only(p.at(file), [RULE]).length, 1);
  });
});

describe(`${RULE}: a kustomize overlay sets the image`, () => {
  const p = lintFixture('images-folder');
  const file = p.path('deploy/base/deployment.yaml');

  it('reported in the base at runAsNonRoot for the overlay whose images: names the linked image only', () => {
    assert.deepEqual(only(p.at(file), [RULE]), [`${RULE}@16`]);
    const f = p.findings(file).find((x) => x.ruleId === RULE)!;
    assert.deepEqual(f.builds, [p.path('deploy/overlays/prod/kustomization.yaml')]);
    assert.match(f.message, /built from services\/orders-api\/Dockerfile, runs as the user name "node" \(USER node\).* \(in kustomization deploy\/overlays\/prod\)$/);
    // The Dockerfile line, and the image where the overlay's `images:` set it (its newTag, the last value written).
    assert.deepEqual(relatedAt(p, file, f), ['services/orders-api/Dockerfile@5', 'deploy/overlays/prod/kustomization.yaml@6']);
    assert.equal(f.related![1]!.message, 'ghcr.io/acme/orders-api:1.2 is built from services/orders-api/Dockerfile (folder name matches the image name)');
  });

  it('not reported: an image two folders could build (billing), the dev overlay image no folder matches', () => {
    assert.equal(p.findings(file).filter((x) => x.ruleId.startsWith('run-as-non-root-image')).length, 1);
  });
});
