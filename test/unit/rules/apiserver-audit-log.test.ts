import { test } from 'node:test';
import { assertFix, assertNoFix } from '../../helpers/fix-tester';
import { expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-audit-log';
const PATH = '--audit-log-path=/var/log/kubernetes/audit/audit.log';
const RETAINED = ['--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100'];

test(`${ID}: an audit log with the benchmark's retention, or to standard output, is not reported`, () => {
  expectFindings(ID, staticPod('kube-apiserver', [PATH, ...RETAINED]), []);
  expectFindings(ID, staticPod('kube-apiserver', ['--audit-log-path=-']), []);
  expectFindings(ID, staticPod('kube-scheduler', []), []);
});

test(`${ID}: no audit log (kubeadm writes none: kube-bench 1.2.16 fails on a fresh kubeadm cluster) at the command line, no fix`, () => {
  const text = staticPod('kube-apiserver', ['--secure-port=6443']);
  expectFindings(ID, text, [{ at: 'command', message: '--audit-log-path' }]);
  assertNoFix(text, ID);
  expectFindings(ID, kubeadmConfig('apiServer:\n  certSANs: [cp.example.com]\n'), [{ at: 'apiServer' }]);
});

test(`${ID}: missing retention flags get a fix each; values below the benchmark's a suggestion`, () => {
  const text = staticPod('kube-apiserver', [PATH, '--audit-log-maxage=7']);
  expectFindings(ID, text, [
    { at: 'command', message: '--audit-log-maxbackup' },
    { at: 'command', message: '--audit-log-maxsize' },
    { at: '--audit-log-maxage=7', message: 'below the benchmark\'s 30' },
  ]);
  assertFix(text, ID, { kind: 'fix', index: 0, contains: ['    - --audit-log-maxage=7\n    - --audit-log-maxbackup=10\n'] });
  assertFix(text, ID, { kind: 'suggestion', index: 2, contains: ['    - --audit-log-maxage=30\n'] });
});

test(`${ID}: kubeadm v1beta3 and v1beta4: the fix adds an extraArgs entry`, () => {
  assertFix(kubeadmConfig(`apiServer:\n  extraArgs:\n    audit-log-path: /var/log/audit.log\n    audit-log-maxage: "30"\n    audit-log-maxbackup: "10"\n`, 'v1beta3'), ID, {
    kind: 'fix',
    contains: ['    audit-log-maxbackup: "10"\n    audit-log-maxsize: "100"\n'],
  });
  assertFix(kubeadmConfig(`apiServer:\n  extraArgs:\n  - name: audit-log-path\n    value: /var/log/audit.log\n  - name: audit-log-maxage\n    value: "30"\n  - name: audit-log-maxbackup\n    value: "10"\n`), ID, {
    kind: 'fix',
    contains: ['  - name: audit-log-maxsize\n    value: "100"\n'],
  });
});
