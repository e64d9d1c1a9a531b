import { defineRule } from '../../rule';
import { getNode, getPair, keySpan, mapEntries, pairSpan, scalarValue } from '../../views/yaml-node';
import { NAMESPACE_KIND, isCoreObject } from './kinds';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const LEVELS: ReadonlySet<unknown> = new Set(['privileged', 'baseline', 'restricted']);

/**
 * Namespaces whose Pod Security Admission `enforce` label is missing, is
 * `privileged`, or is not a level at all (the API server rejects such a label).
 */
export default defineRule({
  meta: {
    id: 'namespace-missing-pod-security',
    title: 'Namespace does not enforce a Pod Security Standard',
    description:
      'Pod Security Admission enforces a Pod Security Standard on a namespace only when the namespace has the label pod-security.kubernetes.io/enforce set to baseline or restricted. Without it (or with privileged) any pod, including privileged ones, is admitted unless the cluster configures a stricter default.',
    defaultSeverity: 'warning',
    category: 'service-accounts',
    messages: {
      missing:
        'Namespace "{{name}}" has no {{label}} label: Pod Security Admission applies the cluster default (privileged unless configured). Set it to restricted or baseline.',
      privileged: 'Namespace "{{name}}" enforces the privileged Pod Security Standard, which allows everything. Use restricted or baseline.',
      invalid: 'Namespace "{{name}}": {{label}} is {{value}}, not privileged, baseline or restricted; the API server rejects the label.',
    },
    references: {
      cis: ['5.2.1'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
        'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/',
      ],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        if (!isCoreObject(resource, NAMESPACE_KIND)) return;
        const name = resource.name ?? '(unnamed)';
        const labelsPair = getPair(resource.metadata, 'labels');
        const entry = mapEntries(getNode(resource.metadata, 'labels'), resource.doc).filter((e) => e.key === ENFORCE).pop();
        if (!entry) {
          ctx.report({ messageId: 'missing', data: { name, label: ENFORCE }, at: keySpan(labelsPair) ?? resource.anchorSpan });
          return;
        }
        const value = scalarValue(entry.pair.value, resource.doc);
        if (value === 'privileged') {
          ctx.report({ messageId: 'privileged', data: { name }, at: pairSpan(entry.pair)! });
        } else if (!LEVELS.has(value)) {
          const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
          ctx.report({ messageId: 'invalid', data: { name, label: ENFORCE, value: shown }, at: pairSpan(entry.pair)! });
        }
      },
    };
  },
});
