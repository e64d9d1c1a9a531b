// Project rule service-selects-nothing (issue 19), in one file (test/fixtures/project/relations/),
// with related locations; service-target-port-missing has its own test file.
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

  it('a file alone is not judged', () => {
    assert.deepEqual(only(p.alone(file), RULES), []);
  });
});
