// Project rule service-target-port-missing (issue 19), in one file and a kustomize overlay
// (test/fixtures/project/relations/), with related locations.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFixture, only } from '../../helpers/relations';

const RULES = ['service-selects-nothing', 'service-target-port-missing'];

describe('service-target-port-missing: one file', () => {
  const p = lintFixture('services-single');
  const file = p.path('all.yaml');
  const of = (rule: string) => p.findings(file).filter((f) => f.ruleId === rule);

  it('target ports: a missing name, a protocol mismatch and an undeclared number; a sidecar port and a defaulted targetPort count', () => {
    const ports = of('service-target-port-missing');
    assert.deepEqual(ports.map((f) => p.slice(file, f.span)), ['metrics', 'dns', '8081']);
    assert.equal(ports[0]!.message, 'Service "web" port 9100 targets the named port "metrics" (TCP), which no container of Deployment "web" declares: the Service gets no endpoints for this port.');
    assert.match(ports[2]!.message, /port 81 targets port 8081, which no container of Deployment "web" declares/);
    assert.ok(ports.every((f) => f.severity === 'info' && (f.related?.length ?? 0) === 1));
  });

  it('a file alone is not judged', () => {
    assert.deepEqual(only(p.alone(file), RULES), []);
  });
});

describe('service rules: a kustomize overlay', () => {
  const p = lintFixture('kustomize');
  const file = p.path('base/service.yaml');

  it('the base Services select the base workloads in the overlay namespace; an undeclared defaulted port is reported', () => {
    assert.deepEqual(only(p.at(file), RULES), ['service-target-port-missing@21']);
    const f = p.findings(file).find((x) => x.ruleId === 'service-target-port-missing')!;
    assert.match(f.message, /^Service "worker" port 9090 targets port 9090/);
    assert.deepEqual(f.related?.map((r) => r.file), [p.path('base/worker.yaml')]);
    assert.equal(f.builds?.length, 2, 'the same finding from both overlays, once');
  });
});
