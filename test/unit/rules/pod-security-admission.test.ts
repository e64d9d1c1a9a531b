// Project rule pod-security-admission (issue 19): a Namespace's Pod Security labels judge the workloads
// the project puts in it, in one file, several files and a kustomize overlay (test/fixtures/project/relations/).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFixture, only } from '../../helpers/relations';

const RULES = ['pod-security-admission'];

describe('pod-security-admission: one file', () => {
  const p = lintFixture('admission-single');
  const file = p.path('all.yaml');
  const find = (name: string) => p.findings(file).find((f) => f.ruleId === 'pod-security-admission' && f.object?.name === name);

  it('rejects the pods of a Deployment the enforced level refuses, whatever suppressions say, at its name', () => {
    const web = find('web')!;
    assert.equal(web.severity, 'error');
    assert.equal(p.slice(file, web.span), 'web');
    assert.match(web.message, /^Pod Security admission in namespace "shop" \(enforce restricted:v1\.21\) would reject the pods of Deployment "web": the Deployment is created, but its pods are refused \(FailedCreate\) because of /);
    assert.match(web.message, /Host Namespaces \(host-pid\)/, 'a suppressed host-pid still fails admission');
    assert.match(web.message, /Seccomp \(v1\.19\+\) \(seccomp-profile-missing\)/);
    assert.doesNotMatch(web.message, /capabilities-not-dropped/, 'Capabilities is checked from v1.22 on');
    assert.deepEqual(web.related?.map((r) => [p.line(r.file ?? file, r.span), r.message]), [[6, 'Namespace "shop" enforces restricted:v1.21']]);
  });

  it('admits a pod that passes the controls of the labelled version', () => {
    assert.equal(find('hardened'), undefined);
  });

  it('privileged enforce: a note on the namespace label, and the warn level still warns', () => {
    const note = find('tools')!;
    assert.equal(note.severity, 'info');
    assert.match(note.message, /^Namespace "tools" enforces privileged: admission admits any pod, including the 1 workload\(s\)/);
    assert.equal(p.line(file, note.span), 46);
    const debug = find('debug')!;
    assert.equal(debug.severity, 'warning');
    assert.match(debug.message, /\(warn baseline:latest\) admits Pod "debug", but kubectl prints a warning for it: Host Namespaces \(host-network\)/);
    assert.ok(p.findings(file).some((f) => f.ruleId === 'host-network' && f.object?.name === 'debug'), 'privileged does not silence the profile findings');
  });

  it('does not judge a namespace the project does not define; a file alone is not judged', () => {
    assert.equal(find('loose'), undefined);
    assert.deepEqual(only(p.alone(file), RULES), []);
  });
});

describe('pod-security-admission: several files', () => {
  const p = lintFixture('admission-multi');

  it('a CronJob in another file than its Namespace: rejected by baseline, related to the label in its file', () => {
    const file = p.path('apps/job.yaml');
    assert.deepEqual(only(p.at(file), RULES), ['pod-security-admission@4']);
    const f = p.findings(file).find((x) => x.ruleId === 'pod-security-admission')!;
    assert.match(f.message, /CronJob "nightly": the CronJob is created, but its pods are refused \(FailedCreate\) because of Privileged Containers \(privileged-container\)\.$/);
    assert.deepEqual(f.related?.map((r) => [r.file, p.line(r.file!, r.span)]), [[p.path('cluster/namespace.yaml'), 6]]);
    assert.equal(p.findings(file).some((x) => x.ruleId === 'pod-security-admission' && x.object?.name === 'fine'), false, 'baseline does not check restricted controls');
  });
});

describe('pod-security-admission: a kustomize overlay', () => {
  const p = lintFixture('kustomize');

  it('the overlay namespace enforces baseline on the base workloads: hostNetwork is rejected at the base line', () => {
    const file = p.path('base/worker.yaml');
    assert.deepEqual(only(p.at(file), RULES), ['pod-security-admission@4']);
    const f = p.findings(file).find((x) => x.ruleId === 'pod-security-admission')!;
    assert.match(f.message, /namespace "prod" \(enforce baseline:latest\)/);
    assert.deepEqual(f.builds, [p.path('overlays/prod/kustomization.yaml')]);
    assert.deepEqual(f.related?.map((r) => [r.file, p.line(r.file!, r.span)]), [[p.path('overlays/prod/namespace.yaml'), 6]]);
    assert.deepEqual(only(p.at(p.path('base/web.yaml')), RULES), []);
    assert.equal(only(p.at(file), RULES).length, 1, 'the staging overlay has no enforce label: only prod rejects');
  });
});
