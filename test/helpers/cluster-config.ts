/**
 * Texts for the cluster-config rule tests: a static pod running a
 * control-plane component with given flags, a kubeadm ClusterConfiguration
 * (v1beta3 map or v1beta4 list extraArgs), a KubeletConfiguration, and the
 * kubeadm v1.31 fixtures (test/fixtures/cluster-config/kubeadm-v1.31).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { assertFindings, findingsOf } from './rule-tester';

export const KUBEADM_FIXTURES = join(__dirname, '..', 'fixtures', 'cluster-config', 'kubeadm-v1.31');
export const INSECURE_FIXTURES = join(__dirname, '..', 'fixtures', 'cluster-config', 'insecure');

/** The files of a fixture folder: name and text. */
export function fixtureFiles(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** A static pod whose container runs `component` with `flags` (items of `command` after the program, then `args`). */
export function staticPod(component: string, flags: readonly string[], opts: { args?: readonly string[]; program?: string } = {}): string {
  const args = opts.args && opts.args.length > 0 ? `    args:\n${opts.args.map((a) => `    - ${a}`).join('\n')}\n` : '';
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${component}`,
    '  namespace: kube-system',
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    `  - name: ${component}`,
    `    image: registry.k8s.io/${component}:v1.31.0`,
    '    command:',
    `    - ${opts.program ?? component}`,
    ...flags.map((f) => `    - ${f}`),
    '',
  ].join('\n') + args;
}

/** A kubeadm ClusterConfiguration: `body` (YAML, unindented) after apiVersion and kind. */
export function kubeadmConfig(body: string, version: 'v1beta3' | 'v1beta4' = 'v1beta4'): string {
  return `apiVersion: kubeadm.k8s.io/${version}\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.0\n${body.replace(/^\n+/, '')}`;
}

/** A KubeletConfiguration with `body` (YAML, unindented). */
export function kubeletConfig(body: string): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body.replace(/^\n+/, '')}`;
}

/** kubeadm's generated files give `ruleId` no finding. */
export function assertKubeadmClean(ruleId: string): void {
  for (const { name, text } of fixtureFiles(KUBEADM_FIXTURES)) {
    const findings = findingsOf(ruleId, text);
    assert.equal(findings.length, 0, `${ruleId} on kubeadm's ${name}: ${findings.map((f) => f.message).join('\n')}`);
  }
}

/** Findings of `ruleId` on `text` are exactly these (by the text each underlines). */
export function expectFindings(ruleId: string, text: string, expected: Parameters<typeof assertFindings>[2]): void {
  assertFindings(text, findingsOf(ruleId, text), expected);
}
