// Pure pieces of the relation rules: label selectors, Pod Security admission labels, Service ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLabelSelector, describeSelector, labelsOf, matchesSelector, serviceSelector } from '../../../server/src/engine/project/relations/label-selector';
import { controlSinceMinor, formatLevelVersion, policyChecks, policyFromLabels } from '../../../server/src/engine/project/relations/pod-security-admission';
import { containerPorts, exposes, servicePorts } from '../../../server/src/engine/project/relations/service-ports';

const labels = (o: Record<string, unknown>) => labelsOf(o);

test('network selector: matchLabels and matchExpressions are ANDed; empty selects all', () => {
  const all = compileLabelSelector({})!;
  assert.equal(all.empty, true);
  assert.equal(matchesSelector(all, labels({})), true);
  assert.equal(describeSelector(all), '<all>');
  const s = compileLabelSelector({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['front', 'edge'] },
      { key: 'env', operator: 'NotIn', values: ['dev'] },
      { key: 'team', operator: 'Exists' },
      { key: 'debug', operator: 'DoesNotExist' },
    ],
  })!;
  assert.equal(describeSelector(s), 'app=web,tier in (front,edge),env notin (dev),team,!debug');
  assert.equal(matchesSelector(s, labels({ app: 'web', tier: 'edge', team: 'a' })), true, 'NotIn matches an absent key');
  assert.equal(matchesSelector(s, labels({ app: 'web', tier: 'edge', team: 'a', env: 'dev' })), false);
  assert.equal(matchesSelector(s, labels({ app: 'web', tier: 'back', team: 'a' })), false);
  assert.equal(matchesSelector(s, labels({ app: 'web', tier: 'edge' })), false, 'Exists');
  assert.equal(matchesSelector(s, labels({ app: 'web', tier: 'edge', team: 'a', debug: 'x' })), false, 'DoesNotExist');
  assert.equal(matchesSelector(s, labels({ app: 'api', tier: 'edge', team: 'a' })), false);
});

test('network selector: what the API server rejects compiles to undefined', () => {
  assert.equal(compileLabelSelector(undefined), undefined);
  assert.equal(compileLabelSelector(null), undefined);
  assert.equal(compileLabelSelector('app=web'), undefined);
  assert.equal(compileLabelSelector({ matchLabels: { app: 1 } }), undefined);
  assert.equal(compileLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] }), undefined);
  assert.equal(compileLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }), undefined);
  assert.equal(compileLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }), undefined);
  assert.equal(compileLabelSelector({ matchExpressions: {} }), undefined);
  assert.deepEqual([...labelsOf({ a: 'x', n: 1, b: true })], [['a', 'x']], 'only strings are label values');
});

test('service selector: equality on every entry; absent or empty is no selector', () => {
  const s = serviceSelector({ app: 'web', tier: 'front' })!;
  assert.equal(matchesSelector(s, labels({ app: 'web', tier: 'front', extra: 'y' })), true);
  assert.equal(matchesSelector(s, labels({ app: 'web' })), false);
  assert.equal(serviceSelector({}), undefined);
  assert.equal(serviceSelector(undefined), undefined);
  assert.equal(serviceSelector({ app: 3 }), undefined);
});

test('admission: labels resolve as PolicyToEvaluate does', () => {
  const P = 'pod-security.kubernetes.io/';
  const none = policyFromLabels(new Map());
  assert.equal(formatLevelVersion(none.enforce), 'privileged:latest');
  const r = policyFromLabels(new Map([[`${P}enforce`, 'baseline'], [`${P}enforce-version`, 'v1.25']]));
  assert.equal(formatLevelVersion(r.enforce), 'baseline:v1.25');
  assert.equal(formatLevelVersion(r.warn), 'baseline:v1.25', 'warn defaults to a stricter enforce');
  assert.equal(formatLevelVersion(r.audit), 'privileged:latest');
  const w = policyFromLabels(new Map([[`${P}enforce`, 'baseline'], [`${P}warn`, 'restricted']]));
  assert.equal(formatLevelVersion(w.warn), 'restricted:latest');
  const bad = policyFromLabels(new Map([[`${P}enforce`, 'strict'], [`${P}enforce-version`, '1.25'], [`${P}warn`, 'nope']]));
  assert.equal(formatLevelVersion(bad.enforce), 'restricted:latest', 'invalid enforce fails closed, invalid version is latest');
  assert.equal(bad.warn.level, 'privileged', 'invalid warn fails open');
  assert.equal(bad.errors.length, 3);
  assert.equal(policyFromLabels(new Map([[`${P}enforce-version`, 'v1.07']])).errors.length, 1);
});

test('admission: restricted includes baseline; versions gate controls', () => {
  const seccomp = { level: 'restricted' as const, control: 'Seccomp (v1.19+)' };
  const hostPid = { level: 'baseline' as const, control: 'Host Namespaces' };
  assert.equal(controlSinceMinor(seccomp.control), 19);
  assert.equal(controlSinceMinor(hostPid.control), 0);
  const latest = { latest: true as const };
  assert.equal(policyChecks({ level: 'restricted', version: latest }, hostPid), true);
  assert.equal(policyChecks({ level: 'baseline', version: latest }, seccomp), false);
  assert.equal(policyChecks({ level: 'privileged', version: latest }, hostPid), false);
  assert.equal(policyChecks({ level: 'restricted', version: { latest: false, minor: 18 } }, seccomp), false);
  assert.equal(policyChecks({ level: 'restricted', version: { latest: false, minor: 19 } }, seccomp), true);
});

test('service ports: named ports need the name and protocol; numbers a declared containerPort', () => {
  const c = containerPorts([{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }, 'junk']);
  const [named, numeric, defaulted, missingName, udp] = servicePorts([
    { port: 80, targetPort: 'http' },
    { port: 81, targetPort: 8080 },
    { port: 8080 },
    { port: 82, targetPort: 'metrics' },
    { port: 53, targetPort: 'dns' },
  ]);
  assert.equal(exposes(c, named!), true);
  assert.equal(exposes(c, numeric!), true);
  assert.equal(exposes(c, defaulted!), true, 'targetPort defaults to port');
  assert.equal(exposes(c, missingName!), false);
  assert.equal(exposes(c, udp!), false, 'dns is UDP, the service port TCP');
  assert.equal(exposes(c, { ...udp!, protocol: 'UDP' }), true);
  assert.equal(exposes([], { index: 0, port: 9, targetPort: 9, protocol: 'TCP' }), false);
});

test('network isolation: default deny covers all; selectors, policyTypes and scope', async () => {
  const { judgeNetwork, policyInput } = await import('../../../server/src/engine/project/relations/network-isolation');
  const w = (ref: string, namespace: string, l: Record<string, string>) => ({ ref, namespace, podLabels: labelsOf(l) });
  const web = w('web', 'shop', { app: 'web' });
  const api = w('api', 'shop', { app: 'api' });
  const job = w('job', 'batch', { app: 'job' });
  const loose = w('loose', 'elsewhere', { app: 'x' });
  const webOnly = policyInput('p-web', 'shop', { podSelector: { matchLabels: { app: 'web' } } });
  const egress = policyInput('p-egress', 'shop', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] }, policyTypes: ['Egress'] });
  const ghost = policyInput('p-ghost', 'shop', { podSelector: { matchLabels: { app: 'gone' } } });
  const manages = (ns: string) => ns === 'batch';
  const r = judgeNetwork([webOnly, egress, ghost], [web, api, job, loose], manages);
  assert.deepEqual(r.unisolated.map((u) => [u.workload.ref, u.egressOnly.map((p) => p.ref)]), [['api', ['p-egress']], ['job', []]], 'elsewhere is not judged');
  assert.deepEqual(r.selectNothing.map((p) => p.ref), ['p-ghost']);
  const deny = policyInput('deny', 'shop', { podSelector: {} });
  assert.deepEqual(judgeNetwork([deny], [web, api], () => false).unisolated, [], 'an empty podSelector selects every pod');
  assert.deepEqual(judgeNetwork([deny], [], () => false).selectNothing, [], 'default deny is never "selects nothing"');
  assert.deepEqual(judgeNetwork([ghost], [], () => false).selectNothing, [], 'no workloads in the namespace: not judged');
  const apart = judgeNetwork([deny], [web], () => true, (p, w) => p !== 'deny' || w !== 'web');
  assert.deepEqual(apart.unisolated.map((u) => u.workload.ref), ['web'], 'a policy of another build does not count');
  assert.deepEqual(apart.unisolated[0]!.policies, []);
  assert.equal(policyInput('e', 'n', { podSelector: {}, egress: [] }).egress, true);
  assert.equal(policyInput('e', 'n', { podSelector: {} }).egress, false);
  assert.equal(policyInput('e', 'n', { podSelector: {}, policyTypes: ['Egress'] }).ingress, false);
  assert.equal(policyInput('e', 'n', {}).selector?.empty, true, 'no podSelector: every pod');
  assert.equal(policyInput('e', 'n', { podSelector: { matchLabels: 'x' } }).selector, undefined, 'invalid: not judged');
  assert.equal(policyInput('e', 'n', 7).selector, undefined, 'a spec that is not a map selects nothing');
});

test('a relation finding takes over the fixes of the per-object finding it replaced at the same place (kustomize builds and charts alike)', async () => {
  const { withReplacedFixes } = await import('../../../server/src/engine/project/relations');
  const fix = { title: 'Set automountServiceAccountToken: false', kind: 'fix' as const, edits: [] };
  const base = { ruleId: 'automount-service-account-token', severity: 'warning' as const, message: 'm', span: { start: 10, end: 20 } };
  const replaced = { ...base, fixes: () => [fix] };
  const [same, elsewhere, other] = withReplacedFixes([base, { ...base, span: { start: 30, end: 40 } }, { ...base, ruleId: 'run-as-root' }], [replaced]);
  assert.deepEqual(same!.fixes?.(), [fix]);
  assert.equal(elsewhere!.fixes, undefined);
  assert.equal(other!.fixes, undefined);
  assert.deepEqual(withReplacedFixes([base], []), [base]);
});
