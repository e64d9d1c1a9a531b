import { defineRule } from '../../rule';
import { anchorOf, childAt, locate, type IndexedObject, type ProjectIndex } from '../../project/index';
import { formatLevelVersion, policyChecks, policyFromLabels, PSA_LABEL_PREFIX, type LevelVersion } from '../../project/relations/pod-security-admission';
import { namespaceOf, objectName, projectNamespaces, admittedWorkloads, type ProjectWorkload } from '../../project/relations/project-workloads';
import { pssFailures, type PssFailure } from '../../project/relations/pss-findings';

const ENFORCE = `${PSA_LABEL_PREFIX}enforce`;
const WARN = `${PSA_LABEL_PREFIX}warn`;

/** The controls a workload fails under a policy level and version. */
function failing(index: ProjectIndex, object: IndexedObject, policy: LevelVersion): PssFailure[] {
  if (policy.level === 'privileged') return [];
  const level = policy.level;
  // Judged once per object and level (index.memo): the editor judges the workspace again after each edit.
  const custom = index.customWorkloads();
  return index.memo.memo(object.node, `pss:${level}\u0000${custom.key}`, () => pssFailures(object.node, level, custom)).filter((f) => policyChecks(policy, f.control));
}

const reasons = (failures: readonly PssFailure[]): string => failures.map((f) => `${f.control.control} (${f.ruleId})`).join('; ');

/**
 * What Pod Security admission does with the project's workloads in the
 * namespaces the project defines, from the namespaces' labels (see
 * project/relations/pod-security-admission.ts and the rule page).
 */
export default defineRule({
  meta: {
    id: 'pod-security-admission',
    title: 'Pod Security admission of the namespace rejects the workload',
    description:
      "A Namespace's Pod Security labels decide what admission does with its pods: a pod that fails the enforced level is rejected (a controller's pods are never created), one that fails the warn level draws a warning from kubectl. Judged with the engine's Pod Security rules for namespaces the project defines.",
    defaultSeverity: 'error',
    category: 'pod-security-policy',
    messages: {
      rejectPod: 'Pod Security admission in namespace "{{namespace}}" (enforce {{policy}}) would reject {{object}}: {{reasons}}.',
      rejectPods:
        'Pod Security admission in namespace "{{namespace}}" (enforce {{policy}}) would reject the pods of {{object}}: the {{kind}} is created, but its pods are refused (FailedCreate) because of {{reasons}}.',
      warn: 'Pod Security admission in namespace "{{namespace}}" (warn {{policy}}) admits {{object}}, but kubectl prints a warning for it: {{reasons}}.',
      privileged:
        'Namespace "{{name}}" enforces privileged: admission admits any pod, including the {{count}} workload(s) the project puts in it. Shipshape still reports their Pod Security findings.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      ],
    },
  },
  create() {
    return {
      project(index, report) {
        const namespaces = projectNamespaces(index);
        if (namespaces.size === 0) return;
        const byNamespace = new Map<IndexedObject, ProjectWorkload[]>();
        for (const w of admittedWorkloads(index)) {
          const ns = namespaceOf(namespaces, w.object);
          if (ns) byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), w]);
        }
        for (const [ns, inNs] of byNamespace) {
          const name = ns.name!;
          const policy = policyFromLabels(ns.labels);
          const labelAt = (label: string) => locate(ns, childAt(ns.node, ['metadata', 'labels', label]), true, childAt(ns.node, ['metadata', 'labels']));
          if (ns.labels.get(ENFORCE) === 'privileged') {
            report({ messageId: 'privileged', data: { name, count: inNs.length }, object: ns, at: labelAt(ENFORCE), severity: 'info' });
          }
          for (const { object } of inNs) {
            const data = { namespace: name, object: objectName(object), kind: object.kind };
            const rejected = failing(index, object, policy.enforce);
            if (rejected.length > 0) {
              const shown = formatLevelVersion(policy.enforce);
              const related = [{ at: ns.labels.has(ENFORCE) ? labelAt(ENFORCE) : anchorOf(ns), message: `Namespace "${name}" enforces ${shown}` }];
              report({ messageId: object.kind === 'Pod' ? 'rejectPod' : 'rejectPods', data: { ...data, policy: shown, reasons: reasons(rejected) }, object, related });
              continue;
            }
            const warned = failing(index, object, policy.warn);
            if (warned.length > 0) {
              const shown = formatLevelVersion(policy.warn);
              const related = [{ at: ns.labels.has(WARN) ? labelAt(WARN) : labelAt(ENFORCE), message: `Namespace "${name}" warns at ${shown}` }];
              report({ messageId: 'warn', data: { ...data, policy: shown, reasons: reasons(warned) }, object, related, severity: 'warning' });
            }
          }
        }
      },
    };
  },
});
