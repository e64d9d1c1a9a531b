// Project rules network-policy-missing and network-policy-selects-nothing (issue 19): single-file,
// multi-file and kustomize layouts (test/fixtures/project/relations/), with related locations.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFixture, only } from '../../helpers/relations';

const RULES = ['network-policy-missing', 'network-policy-selects-nothing'];

describe('network-policy-missing: one file', () => {
  const p = lintFixture('network-single');
  const file = p.path('all.yaml');

  it('reports the unselected workloads of a namespace with policies, once each, at metadata.name', () => {
    assert.deepEqual(only(p.at(file), RULES), ['network-policy-selects-nothing@31', 'network-policy-missing@53', 'network-policy-missing@84']);
    const api = p.findings(file).find((f) => f.ruleId === 'network-policy-missing' && f.object?.name === 'api')!;
    assert.match(api.message, /only Egress policies select its pods \(egress-api\)/);
    assert.equal(p.slice(file, api.span), 'api');
    const job = p.findings(file).find((f) => f.ruleId === 'network-policy-missing' && f.object?.name === 'report')!;
    assert.match(job.message, /^Job "report" in namespace "shop": no NetworkPolicy selects its pods/);
  });

  it("names the namespace's policies as related locations", () => {
    const job = p.findings(file).find((f) => f.object?.name === 'report' && f.ruleId === 'network-policy-missing')!;
    assert.deepEqual(
      job.related?.map((r) => [p.line(r.file ?? file, r.span), r.message]),
      [
        [7, 'NetworkPolicy "allow-web" selects app=web (Ingress)'],
        [20, 'NetworkPolicy "egress-api" selects app=api (Egress)'],
        [31, 'NetworkPolicy "ghost" selects app=gone (Ingress)'],
      ],
    );
  });

  it('honours a suppression comment on the reported line; does not judge a namespace without policies or Namespace', () => {
    assert.equal(p.findings(file).some((f) => f.ruleId === 'network-policy-missing' && f.object?.name === 'worker'), false);
    assert.equal(p.findings(file).some((f) => f.object?.name === 'elsewhere' && RULES.includes(f.ruleId)), false);
  });

  it('a file linted alone (no project) has none of these findings', () => {
    assert.deepEqual(only(p.alone(file), RULES), []);
  });
});

describe('network-policy-missing: several files', () => {
  const p = lintFixture('network-multi');

  it('judges a namespace the project defines, naming the Namespace in its file as related', () => {
    const file = p.path('apps/web/deployment.yaml');
    assert.deepEqual(only(p.at(file), RULES), ['network-policy-missing@4']);
    const f = p.findings(file).find((x) => x.ruleId === 'network-policy-missing')!;
    assert.deepEqual(
      f.related?.map((r) => [r.file, p.line(r.file!, r.span), r.message]),
      [[p.path('namespaces/shop.yaml'), 4, 'Namespace "shop" is defined here; the project has no NetworkPolicy in it']],
    );
  });

  it('recognises a default-deny policy (empty podSelector) in another file', () => {
    assert.deepEqual(only(p.at(p.path('apps/pay/deployment.yaml')), RULES), []);
    assert.deepEqual(only(p.at(p.path('policies/default-deny.yaml')), RULES), []);
  });
});

describe('network-policy-missing: kustomize overlays', () => {
  const p = lintFixture('kustomize');
  const prod = p.path('overlays/prod/kustomization.yaml');
  const staging = p.path('overlays/staging/kustomization.yaml');
  const missing = (rel: string) => p.findings(p.path(rel)).filter((x) => x.ruleId === 'network-policy-missing');

  it('reports a base workload the prod overlay leaves unselected at the base line, naming the overlay and its policy', () => {
    const [f] = missing('base/worker.yaml').filter((x) => x.builds?.includes(prod));
    assert.match(f!.message, /^Deployment "worker" in namespace "prod": no NetworkPolicy selects its pods/);
    assert.equal(p.line(p.path('base/worker.yaml'), f!.span), 4);
    assert.deepEqual(f!.builds, [prod]);
    assert.deepEqual(f!.related?.map((r) => [r.file, p.line(r.file!, r.span)]), [[p.path('overlays/prod/netpol.yaml'), 6]]);
  });

  it("the prod policy selects the base web Deployment in prod, not in staging (another overlay's objects never relate)", () => {
    const web = missing('base/web.yaml');
    assert.deepEqual(web.map((f) => f.builds), [[staging]]);
    assert.match(web[0]!.message, /in namespace "staging"/);
    assert.deepEqual(web[0]!.related?.map((r) => [r.file, r.message]), [[p.path('overlays/staging/namespace.yaml'), 'Namespace "staging" is defined here; the project has no NetworkPolicy in it']]);
    assert.deepEqual(missing('base/worker.yaml').map((f) => f.builds), [[prod], [staging]]);
    assert.deepEqual(only(p.at(p.path('overlays/prod/netpol.yaml')), RULES), []);
  });
});
