// Project rule read-only-root-image-writes (issue 19, "Will it start?"): readOnlyRootFilesystem: true while the
// Dockerfile shows the start command writing where no volume is mounted. One folder (compose file + manifests) and a
// kustomize overlay whose `images:` names an image linked by the folder heuristic.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFixture, only, relatedAt } from '../../helpers/relations';

const RULE = 'read-only-root-image-writes';

describe(`${RULE}: compose file and manifests in one folder`, () => {
  const p = lintFixture('images-compose');
  const file = p.path('k8s.yaml');

  it('an nginx base with /var/cache/nginx mounted still writes /var/run', () => {
    assert.deepEqual(only(p.at(file), [RULE]), [`${RULE}@60`]);
    const f = p.findings(file).find((x) => x.ruleId === RULE)!;
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^Container "web" has readOnlyRootFilesystem: true, but its image ghcr\.io\/acme\/web:1\.0, built from web\/Dockerfile, writes to \/var\/run when it starts .* the write fails with "Read-only file system", the process exits and the kubelet restarts the container \(CrashLoopBackOff\)\. Mount an emptyDir volume at \/var\/run\.$/);
    assert.deepEqual(relatedAt(p, file, f), ['web/Dockerfile@1', '.@58', 'compose.yaml@12']);
  });

  it('not reported: emptyDir at /var/cache/nginx and /run (for /var/run), a write into a VOLUME, a pulled nginx', () => {
    assert.ok(!p.at(file).includes(`${RULE}@86`) && !p.at(file).includes(`${RULE}@93`) && !p.at(file).includes(`${RULE}@125`));
    assert.equal(only(p.at(file), [RULE]).length, 1);
  });
});

describe(`${RULE}: kustomize overlay`, () => {
  const p = lintFixture('images-folder');
  const file = p.path('deploy/base/deployment.yaml');

  it('a CMD redirecting to /var/log/orders.log, for the overlay that sets the linked image', () => {
    assert.deepEqual(only(p.at(file), [RULE]), [`${RULE}@17`]);
    const f = p.findings(file).find((x) => x.ruleId === RULE)!;
    assert.match(f.message, /writes to \/var\/log\/orders\.log when it starts \(its CMD redirects output there\).* Mount an emptyDir volume at \/var\/log\. \(in kustomization deploy\/overlays\/prod\)$/);
    assert.deepEqual(relatedAt(p, file, f), ['services/orders-api/Dockerfile@6', 'deploy/overlays/prod/kustomization.yaml@6']);
  });
});
