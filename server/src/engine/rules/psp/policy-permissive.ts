/**
 * The judge of pod admission policies, shared by `pod-security-policy-permissive`
 * (PodSecurityPolicy) and `security-context-constraints-permissive` (OpenShift
 * SCC): each field that admits a privileged, host-sharing, root or unconfined
 * pod is one finding, read through the policy's dialect (views/pod-policy.ts).
 */
import type { RuleContext } from '../../rule';
import type { Span } from '../../types';
import type { PodPolicyView, PolicyFlag } from '../../views/pod-policy';
import { asMap, getNode, getPair, pairSpan, scalarValue, stringValue } from '../../views/yaml-node';

const P = '{{policy}}';

/** Message templates of both rules; `{{policy}}` is `PodSecurityPolicy "name"` or `SecurityContextConstraints "name"`. */
export const POLICY_MESSAGES: Readonly<Record<string, string>> = {
  privileged: `${P} admits privileged containers ({{field}}: true).`,
  hostPID: `${P} admits pods that share the node's process ID namespace ({{field}}: true).`,
  hostIPC: `${P} admits pods that share the node's IPC namespace ({{field}}: true).`,
  hostNetwork: `${P} admits pods that share the node's network namespace ({{field}}: true).`,
  hostPorts: `${P} admits pods that bind ports of the node (hostPorts {{ranges}}).`,
  hostPortsAll: `${P} admits pods that bind any port of the node ({{field}}: true).`,
  hostPathPlugin: `${P} allows hostPath volumes, which mount files and directories of the node ({{field}}: true).`,
  volumesAll: `${P} allows every volume type, hostPath included (volumes: '*').`,
  volumesHostPath: `${P} allows hostPath volumes, which mount files and directories of the node.`,
  hostPathsMissing: `${P} allows hostPath volumes of every path of the node: it sets no allowedHostPaths.`,
  hostPathsEmpty: `${P} allows hostPath volumes of every path of the node: allowedHostPaths is empty.`,
  hostPathWritable: `${P} allows writable hostPath volumes under "{{path}}": set readOnly: true on the allowedHostPaths entry.`,
  flexVolumesMissing: `${P} allows flexVolume volumes of every driver: it sets no allowedFlexVolumes.`,
  flexVolumesEmpty: `${P} allows flexVolume volumes of every driver: allowedFlexVolumes is empty.`,
  runAsUserAny: `${P} lets pods run as root (runAsUser.{{key}}: {{rule}}); use MustRunAsNonRoot.`,
  runAsUserRoot: `${P} lets pods run as root: a runAsUser range includes UID 0.`,
  runAsGroupAny: `${P} lets pods run with the root group (runAsGroup.{{key}}: {{rule}}); use MustRunAs with ranges from 1.`,
  runAsGroupRoot: `${P} lets pods run with the root group: a runAsGroup range includes GID 0.`,
  supplementalGroupsAny: `${P} lets pods join the root group (supplementalGroups.{{key}}: {{rule}}); use MustRunAs with ranges from 1.`,
  supplementalGroupsRoot: `${P} lets pods join the root group: a supplementalGroups range includes GID 0.`,
  fsGroupAny: `${P} lets pods own their volumes with the root group (fsGroup.{{key}}: {{rule}}); use MustRunAs with ranges from 1.`,
  fsGroupRoot: `${P} lets pods own their volumes with the root group: an fsGroup range includes GID 0.`,
  readOnlyRootFilesystemFalse: `${P} admits containers with a writable root filesystem (readOnlyRootFilesystem: {{value}}).`,
  readOnlyRootFilesystemMissing: `${P} admits containers with a writable root filesystem: it does not set readOnlyRootFilesystem: true.`,
  privilegeEscalation: `${P} lets processes gain more privileges than their parent (allowPrivilegeEscalation: {{value}}).`,
  privilegeEscalationDefault: `${P} lets processes gain more privileges than their parent: allowPrivilegeEscalation defaults to true.`,
  capabilitiesAll: `${P} lets containers add every Linux capability (allowedCapabilities: '*').`,
  dropMissing: `${P} does not require containers to drop capabilities: it sets no requiredDropCapabilities (use [ALL]).`,
  dropNotAll: `${P} does not require containers to drop ALL capabilities (requiredDropCapabilities: {{drops}}).`,
  seLinuxAny: `${P} lets pods choose any SELinux label ({{field}}.{{key}}: RunAsAny), including unconfined types such as spc_t.`,
};

const FLAGS: readonly PolicyFlag[] = ['privileged', 'hostPID', 'hostIPC', 'hostNetwork'];

type Report = (messageId: string, at: Span, data?: Record<string, string>) => void;

/** Report every permissive field of `policy`. */
export function judgePolicy(ctx: RuleContext, policy: PodPolicyView): void {
  const { dialect } = policy;
  const base = { policy: `${dialect.kind} "${policy.name}"`, key: dialect.strategyKey };
  const report: Report = (messageId, at, data = {}) => ctx.report({ messageId, at, data: { ...base, ...data } });

  for (const flag of FLAGS) {
    const field = dialect.flags[flag];
    if (policy.value(field) === true) report(flag, pairSpan(policy.pair(field))!, { field });
  }
  const ports = dialect.hostPorts;
  if (ports.form === 'boolean') {
    if (policy.value(ports.field) === true) report('hostPortsAll', pairSpan(policy.pair(ports.field))!, { field: ports.field });
  } else {
    const ranges = policy.list(ports.field);
    if (ranges.length > 0) report('hostPorts', policy.keySpan(ports.field)!, { ranges: portRanges(policy, ranges.map((p) => p.node)) });
  }

  checkVolumes(policy, report);
  checkIdStrategies(policy, report);

  for (const [field, missing, bad] of [
    ['readOnlyRootFilesystem', 'readOnlyRootFilesystemMissing', 'readOnlyRootFilesystemFalse'],
    ['allowPrivilegeEscalation', 'privilegeEscalationDefault', 'privilegeEscalation'],
  ] as const) {
    const value = policy.value(field);
    const safe = field === 'readOnlyRootFilesystem' ? value === true : value === false;
    if (safe) continue;
    if (policy.has(field)) report(bad, pairSpan(policy.pair(field))!, { value: typeof value === 'string' ? JSON.stringify(value) : value === undefined ? '(not a boolean)' : String(value) });
    else report(missing, policy.specKeySpan);
  }

  const star = policy.list('allowedCapabilities').find((c) => c.value === '*');
  if (star) report('capabilitiesAll', star.span);
  const drops = policy.strings('requiredDropCapabilities');
  if (!drops.includes('ALL')) {
    if (policy.list('requiredDropCapabilities').length === 0) report('dropMissing', policy.keySpan('requiredDropCapabilities') ?? policy.specKeySpan);
    else report('dropNotAll', policy.keySpan('requiredDropCapabilities')!, { drops: drops.join(', ') });
  }

  const seLinuxRule = getPair(asMap(policy.pair(dialect.seLinux)?.value, policy.doc), dialect.strategyKey);
  if (stringValue(seLinuxRule?.value, policy.doc) === 'RunAsAny') report('seLinuxAny', pairSpan(seLinuxRule)!, { field: dialect.seLinux });
}

/** `volumes` entries `*` and `hostPath`, the host path switch, then the allow-lists they make necessary. */
function checkVolumes(policy: PodPolicyView, report: Report): void {
  const { dialect } = policy;
  if (dialect.hostPathFlag && policy.value(dialect.hostPathFlag) === true) {
    report('hostPathPlugin', pairSpan(policy.pair(dialect.hostPathFlag))!, { field: dialect.hostPathFlag });
  }
  for (const item of policy.list('volumes')) {
    if (item.value === '*') report('volumesAll', item.span);
    else if (item.value === 'hostPath') report('volumesHostPath', item.span);
  }
  const allowList = dialect.allowedHostPaths;
  if (allowList && policy.allowsVolume('hostPath')) {
    const entries = policy.list(allowList);
    if (!policy.has(allowList)) report('hostPathsMissing', policy.specKeySpan);
    else if (entries.length === 0) report('hostPathsEmpty', policy.keySpan(allowList)!);
    for (const entry of entries) {
      const map = asMap(entry.node, policy.doc);
      if (!map || scalarValue(getNode(map, 'readOnly'), policy.doc) === true) continue;
      const prefixPair = getPair(map, 'pathPrefix');
      const at = pairSpan(getPair(map, 'readOnly')) ?? pairSpan(prefixPair) ?? entry.span;
      report('hostPathWritable', at, { path: stringValue(prefixPair?.value, policy.doc) ?? '(no pathPrefix)' });
    }
  }
  if (policy.allowsVolume('flexVolume')) {
    if (!policy.has('allowedFlexVolumes')) report('flexVolumesMissing', policy.specKeySpan);
    else if (policy.list('allowedFlexVolumes').length === 0) report('flexVolumesEmpty', policy.keySpan('allowedFlexVolumes')!);
  }
}

/** Strategies that admit ID 0: `RunAsAny`, or a range (or SCC uid) from 0. */
function checkIdStrategies(policy: PodPolicyView, report: Report): void {
  for (const field of policy.dialect.idFields) {
    const strategy = policy.idStrategy(field);
    if (!strategy?.rule || !strategy.rulePair) continue;
    if (strategy.rule === 'RunAsAny') {
      report(`${field}Any`, pairSpan(strategy.rulePair)!, { rule: strategy.rule });
    } else if (strategy.rule === 'MustRunAs' || strategy.rule === 'MayRunAs' || strategy.rule === 'MustRunAsRange') {
      // ranges are inclusive and min <= max (API validation): a range includes 0 exactly when min <= 0.
      const root = strategy.ranges.find((r) => typeof r.min === 'number' && r.min <= 0);
      if (root) report(`${field}Root`, pairSpan(root.minPair) ?? root.span);
    }
  }
}

/** `0-65535, 8080-8080` for messages. */
function portRanges(policy: PodPolicyView, nodes: readonly unknown[]): string {
  return nodes
    .map((n) => {
      const m = asMap(n, policy.doc);
      const min = scalarValue(getNode(m, 'min'), policy.doc);
      const max = scalarValue(getNode(m, 'max'), policy.doc);
      return `${String(min ?? '?')}-${String(max ?? '?')}`;
    })
    .join(', ');
}
