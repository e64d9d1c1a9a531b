// Project rule image-port-not-exposed (issue 19, "Will it start?"): probes and container ports vs the image's EXPOSE.
// One folder (compose file + manifests), folders linked by a skaffold config, and a kustomize overlay.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFixture, only, relatedAt } from '../../helpers/relations';

const RULE = 'image-port-not-exposed';

describe(`${RULE}: compose file and manifests in one folder`, () => {
  const p = lintFixture('images-compose');
  const file = p.path('k8s.yaml');
  const findings = () => p.findings(file).filter((x) => x.ruleId === RULE);

  it('a liveness probe port (warning) and a containerPort (info) the image does not EXPOSE; the EXPOSE line is related', () => {
    assert.deepEqual(only(p.at(file), [RULE]), [`${RULE}@19`, `${RULE}@23`]);
    const [port, probe] = findings();
    assert.equal(port!.severity, 'info');
    assert.equal(
      port!.message,
      'Container "api" declares containerPort 9090/TCP, which its image ghcr.io/acme/api:1.4.2, built from api/Dockerfile, does not EXPOSE (it EXPOSEs 8080/tcp): if the process does not listen there, connections to it (from a Service or a probe) are refused.',
    );
    assert.equal(probe!.severity, 'warning');
    assert.match(probe!.message, /^The liveness probe of container "api" checks port 8081, .* the probe fails and the kubelet kills and restarts the container, over and over \(CrashLoopBackOff\)\.$/);
    assert.deepEqual(relatedAt(p, file, probe!), ['api/Dockerfile@3', '.@16', 'compose.yaml@4']);
    assert.equal(probe!.related![0]!.message, 'The image EXPOSEs 8080/tcp.');
  });

  it('not reported: ports the image EXPOSEs (8080, a port inside an EXPOSE range), images without EXPOSE', () => {
    assert.equal(findings().length, 2);
    assert.ok(!p.at(file).includes(`${RULE}@26`) && !p.at(file).includes(`${RULE}@128`));
  });
});

describe(`${RULE}: skaffold artifact`, () => {
  const p = lintFixture('images-skaffold');
  const file = p.path('k8s/deploy.yaml');

  it('a grpc liveness port is reported; a startup probe on the named port "http" (8080, EXPOSEd) is not', () => {
    assert.deepEqual(only(p.at(file), [RULE]), [`${RULE}@25`]);
    assert.match(p.findings(file).find((x) => x.ruleId === RULE)!.message, /^The liveness probe of container "orders" checks port 9000, which its image ghcr\.io\/acme\/orders-api:1\.2, built from services\/orders\/build\/Dockerfile, does not EXPOSE \(it EXPOSEs 8080\/tcp\)/);
  });
});

describe(`${RULE}: kustomize overlay`, () => {
  const p = lintFixture('images-folder');

  it('containerPort 3000 is EXPOSEd by the linked image: nothing to report', () => {
    assert.deepEqual(only(p.at(p.path('deploy/base/deployment.yaml')), [RULE]), []);
  });
});
