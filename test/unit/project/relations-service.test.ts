// Project rules service-selects-nothing and service-target-port-missing (issue 19), in one file and a
// kustomize overlay (test/fixtures/project/relations/), with related locations.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFixture, only } from '../../helpers/relations';

const RULES = ['service-selects-nothing', 'service-target-port-missing'];

describe('service rules: one file', () => {
  const p = lintFixture('services-single');
  const file = p.path('all.yaml');
  const of = (rule: string) => p.findings(file).filter((f) => f.ruleId === rule);

  it('a selector that matches no workload (typo, other namespace); none for a Service without selector or ExternalName', () => {
    const nothing = of('service-selects-nothing');
    assert.deepEqual(nothing.map((f) => f.object?.name), ['typo', 'other-namespace']);
    assert.equal(nothing[0]!.severity, 'info');
    assert.equal(nothing[0]!.message, 'Service "typo" selects app=wbe in namespace "default", which matches no workload of the project: it gets no endpoints from it, and connections to it fail.');
    assert.equal(p.slice(file, nothing[0]!.span), 'selector');
    assert.deepEqual(nothing[0]!.related?.map((r) => [p.line(r.file ?? file, r.span), r.message]), [[9, 'Deployment "web" in namespace "default" has pod labels app=web,tier=front']]);
  });

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
