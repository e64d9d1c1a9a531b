// Project rule run-as-non-root-image-root (issue 19, "Will it start?"): runAsNonRoot: true without runAsUser, and an
// image built in the project that runs as root. One folder (compose file + manifests), folders linked by a skaffold
// config; related locations and suppressions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFixture, only, relatedAt } from '../../helpers/relations';

const RULE = 'run-as-non-root-image-root';

describe(`${RULE}: compose file and manifests in one folder`, () => {
  const p = lintFixture('images-compose');
  const file = p.path('k8s.yaml');

  it('USER 0 with a pod-level runAsNonRoot: reported there, with the USER line, the image and the compose service', () => {
    assert.deepEqual(only(p.at(file), [RULE]), [`${RULE}@13`]);
    const f = p.findings(file).find((x) => x.ruleId === RULE)!;
    assert.equal(f.severity, 'error');
    assert.equal(
      f.message,
      'The kubelet will not start container "api": it must run as non-root (runAsNonRoot: true, no runAsUser), but its image ghcr.io/acme/api:1.4.2, built from api/Dockerfile, runs as root (USER 0). The pod stays in CreateContainerConfigError ("container has runAsNonRoot and image will run as root"). Set a non-root USER in the Dockerfile (e.g. USER 10001) or runAsUser here.',
    );
    assert.deepEqual(relatedAt(p, file, f), ['api/Dockerfile@4', '.@16', 'compose.yaml@4']);
    assert.deepEqual(f.related!.map((r) => r.message), [
      'USER 0: the image runs as root.',
      'ghcr.io/acme/api:1.4.2 is built from api/Dockerfile (compose.yaml service "api")',
      'The compose.yaml service "api" that builds ghcr.io/acme/api:dev from api/Dockerfile',
    ]);
  });

  it('not reported: runAsUser set, a user name (the other rule), no USER on a non-scratch base, a pulled image, a suppressed line', () => {
    const lines = only(p.at(file), [RULE]).map((t) => Number(t.split('@')[1]));
    assert.ok(lines.every((l) => l < 70), `only the api Deployment: ${lines.join(',')}`);
    assert.deepEqual(only(p.at(file), ['unused-suppression']), [], 'the suppression comment at line 107 is used');
  });

  it('the manifests alone are not judged', () => {
    assert.deepEqual(only(p.alone(file), [RULE]), []);
  });
});

describe(`${RULE}: skaffold artifact in another folder, FROM scratch without USER`, () => {
  const p = lintFixture('images-skaffold');
  const file = p.path('k8s/deploy.yaml');

  it('a lenient name match (orders-api and ghcr.io/acme/orders-api:1.2) links the multi-stage Dockerfile', () => {
    assert.deepEqual(only(p.at(file), [RULE]), [`${RULE}@13`]);
    const f = p.findings(file).find((x) => x.ruleId === RULE)!;
    assert.match(f.message, /image ghcr\.io\/acme\/orders-api:1\.2, built from services\/orders\/build\/Dockerfile, is FROM scratch with no USER, which the kubelet treats as root/);
    assert.deepEqual(relatedAt(p, file, f), ['services/orders/build/Dockerfile@7', '.@16', 'skaffold.yaml@7']);
    assert.equal(f.related![1]!.message, 'ghcr.io/acme/orders-api:1.2 is built from services/orders/build/Dockerfile (skaffold.yaml artifact)');
  });
});
