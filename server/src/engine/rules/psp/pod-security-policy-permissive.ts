import { defineRule } from '../../rule';
import type { Span } from '../../types';
import { PspView, type IdStrategyField } from '../../views/psp';
import { asMap, getNode, getPair, keySpan, pairSpan, scalarValue, stringValue } from '../../views/yaml-node';

const ID_FIELDS: readonly IdStrategyField[] = ['runAsUser', 'runAsGroup', 'supplementalGroups', 'fsGroup'];

const P = 'PodSecurityPolicy "{{name}}"';

export default defineRule({
  meta: {
    id: 'pod-security-policy-permissive',
    title: 'Permissive PodSecurityPolicy',
    description:
      'A PodSecurityPolicy field that admits privileged, host-namespace, root or otherwise unconfined pods. The settings are worth fixing while the PSP is migrated: they show which workloads need exemptions.',
    defaultSeverity: 'warning',
    category: 'pod-security-policy',
    messages: {
      privileged: `${P} admits privileged containers (privileged: true).`,
      hostPID: `${P} admits pods that share the node's process ID namespace (hostPID: true).`,
      hostIPC: `${P} admits pods that share the node's IPC namespace (hostIPC: true).`,
      hostNetwork: `${P} admits pods that share the node's network namespace (hostNetwork: true).`,
      hostPorts: `${P} admits pods that bind ports of the node (hostPorts {{ranges}}).`,
      volumesAll: `${P} allows every volume type, hostPath included (volumes: '*').`,
      volumesHostPath: `${P} allows hostPath volumes, which mount files and directories of the node.`,
      hostPathsMissing: `${P} allows hostPath volumes of every path of the node: it sets no allowedHostPaths.`,
      hostPathsEmpty: `${P} allows hostPath volumes of every path of the node: allowedHostPaths is empty.`,
      hostPathWritable: `${P} allows writable hostPath volumes under "{{path}}": set readOnly: true on the allowedHostPaths entry.`,
      flexVolumesMissing: `${P} allows flexVolume volumes of every driver: it sets no allowedFlexVolumes.`,
      flexVolumesEmpty: `${P} allows flexVolume volumes of every driver: allowedFlexVolumes is empty.`,
      runAsUserAny: `${P} lets pods run as root (runAsUser.rule: {{rule}}); use MustRunAsNonRoot.`,
      runAsUserRoot: `${P} lets pods run as root: a runAsUser range includes UID 0.`,
      runAsGroupAny: `${P} lets pods run with the root group (runAsGroup.rule: {{rule}}); use MustRunAs with ranges from 1.`,
      runAsGroupRoot: `${P} lets pods run with the root group: a runAsGroup range includes GID 0.`,
      supplementalGroupsAny: `${P} lets pods join the root group (supplementalGroups.rule: {{rule}}); use MustRunAs with ranges from 1.`,
      supplementalGroupsRoot: `${P} lets pods join the root group: a supplementalGroups range includes GID 0.`,
      fsGroupAny: `${P} lets pods own their volumes with the root group (fsGroup.rule: {{rule}}); use MustRunAs with ranges from 1.`,
      fsGroupRoot: `${P} lets pods own their volumes with the root group: an fsGroup range includes GID 0.`,
      readOnlyRootFilesystemFalse: `${P} admits containers with a writable root filesystem (readOnlyRootFilesystem: {{value}}).`,
      readOnlyRootFilesystemMissing: `${P} admits containers with a writable root filesystem: it does not set readOnlyRootFilesystem: true.`,
      privilegeEscalation: `${P} lets processes gain more privileges than their parent (allowPrivilegeEscalation: {{value}}).`,
      privilegeEscalationDefault: `${P} lets processes gain more privileges than their parent: allowPrivilegeEscalation defaults to true.`,
      capabilitiesAll: `${P} lets containers add every Linux capability (allowedCapabilities: '*').`,
      dropMissing: `${P} does not require containers to drop capabilities: it sets no requiredDropCapabilities (use [ALL]).`,
      dropNotAll: `${P} does not require containers to drop ALL capabilities (requiredDropCapabilities: {{drops}}).`,
      seLinuxAny: `${P} lets pods choose any SELinux label (seLinux.rule: RunAsAny), including unconfined types such as spc_t.`,
    },
    references: {
      cis: ['5.2.2', '5.2.3', '5.2.4', '5.2.5', '5.2.6', '5.2.7', '5.2.9', '5.2.10', '5.2.12', '5.2.13'],
      checkov: ['CKV_K8S_1', 'CKV_K8S_2', 'CKV_K8S_3', 'CKV_K8S_4', 'CKV_K8S_5', 'CKV_K8S_6', 'CKV_K8S_7', 'CKV_K8S_36'],
      urls: [
        'https://kubernetes.io/docs/reference/access-authn-authz/psp-to-pod-security-standards/',
        'https://v1-24.docs.kubernetes.io/docs/concepts/security/pod-security-policy/',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        const psp = PspView.from(resource);
        if (!psp || !psp.spec) return;
        const name = psp.name;
        const report = (messageId: string, at: Span, data: Record<string, string> = {}) => ctx.report({ messageId, at, data: { name, ...data } });

        for (const field of ['privileged', 'hostPID', 'hostIPC', 'hostNetwork']) {
          if (psp.value(field) === true) report(field, pairSpan(psp.pair(field))!);
        }
        const ports = psp.list('hostPorts');
        if (ports.length > 0) report('hostPorts', keySpan(psp.pair('hostPorts'))!, { ranges: portRanges(psp, ports.map((p) => p.node)) });

        checkVolumes(psp, report);
        checkIdStrategies(psp, report);

        for (const [field, missing, bad] of [
          ['readOnlyRootFilesystem', 'readOnlyRootFilesystemMissing', 'readOnlyRootFilesystemFalse'],
          ['allowPrivilegeEscalation', 'privilegeEscalationDefault', 'privilegeEscalation'],
        ] as const) {
          const value = psp.value(field);
          const safe = field === 'readOnlyRootFilesystem' ? value === true : value === false;
          if (safe) continue;
          if (psp.has(field)) report(bad, pairSpan(psp.pair(field))!, { value: typeof value === 'string' ? JSON.stringify(value) : value === undefined ? '(not a boolean)' : String(value) });
          else report(missing, psp.specKeySpan);
        }

        const star = psp.list('allowedCapabilities').find((c) => c.value === '*');
        if (star) report('capabilitiesAll', star.span);
        const dropPair = psp.pair('requiredDropCapabilities');
        const drops = psp.strings('requiredDropCapabilities');
        if (!drops.includes('ALL')) {
          if (psp.list('requiredDropCapabilities').length === 0) report('dropMissing', (dropPair && keySpan(dropPair)) ?? psp.specKeySpan);
          else report('dropNotAll', keySpan(dropPair)!, { drops: drops.join(', ') });
        }

        const seLinuxRule = getPair(asMap(psp.pair('seLinux')?.value, psp.doc), 'rule');
        if (stringValue(seLinuxRule?.value, psp.doc) === 'RunAsAny') report('seLinuxAny', pairSpan(seLinuxRule)!);
      },
    };
  },
});

type Report = (messageId: string, at: Span, data?: Record<string, string>) => void;

/** `volumes` entries `*` and `hostPath`, then the host path and flex volume allow-lists they make necessary. */
function checkVolumes(psp: PspView, report: Report): void {
  for (const item of psp.list('volumes')) {
    if (item.value === '*') report('volumesAll', item.span);
    else if (item.value === 'hostPath') report('volumesHostPath', item.span);
  }
  if (psp.allowsVolume('hostPath')) {
    const pair = psp.pair('allowedHostPaths');
    const entries = psp.list('allowedHostPaths');
    if (!psp.has('allowedHostPaths')) report('hostPathsMissing', psp.specKeySpan);
    else if (entries.length === 0) report('hostPathsEmpty', keySpan(pair)!);
    for (const entry of entries) {
      const map = asMap(entry.node, psp.doc);
      if (!map || scalarValue(getNode(map, 'readOnly'), psp.doc) === true) continue;
      const prefixPair = getPair(map, 'pathPrefix');
      const at = pairSpan(getPair(map, 'readOnly')) ?? pairSpan(prefixPair) ?? entry.span;
      report('hostPathWritable', at, { path: stringValue(prefixPair?.value, psp.doc) ?? '(no pathPrefix)' });
    }
  }
  if (psp.allowsVolume('flexVolume')) {
    if (!psp.has('allowedFlexVolumes')) report('flexVolumesMissing', psp.specKeySpan);
    else if (psp.list('allowedFlexVolumes').length === 0) report('flexVolumesEmpty', keySpan(psp.pair('allowedFlexVolumes'))!);
  }
}

/** runAsUser, runAsGroup, supplementalGroups and fsGroup rules that admit ID 0. */
function checkIdStrategies(psp: PspView, report: Report): void {
  for (const field of ID_FIELDS) {
    const strategy = psp.idStrategy(field);
    if (!strategy?.rule || !strategy.rulePair) continue;
    if (strategy.rule === 'RunAsAny') {
      report(`${field}Any`, pairSpan(strategy.rulePair)!, { rule: strategy.rule });
    } else if (strategy.rule === 'MustRunAs' || strategy.rule === 'MayRunAs') {
      // ranges are inclusive and min <= max (API validation): a range includes 0 exactly when min <= 0.
      const root = strategy.ranges.find((r) => typeof r.min === 'number' && r.min <= 0);
      if (root) report(`${field}Root`, pairSpan(root.minPair) ?? root.span);
    }
  }
}

/** `0-65535, 8080-8080` for messages. */
function portRanges(psp: PspView, nodes: readonly unknown[]): string {
  return nodes
    .map((n) => {
      const m = asMap(n, psp.doc);
      const min = scalarValue(getNode(m, 'min'), psp.doc);
      const max = scalarValue(getNode(m, 'max'), psp.doc);
      return `${String(min ?? '?')}-${String(max ?? '?')}`;
    })
    .join(', ');
}
