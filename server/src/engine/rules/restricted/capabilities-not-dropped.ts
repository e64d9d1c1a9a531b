import { defineRule } from '../../rule';
import { asSeq, keySpan, nodeSpan, scalarValue, seqItems } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { addToSeq, removeSeqItem } from '../../fixes/yaml-edit';
// The baseline default set. Adding anything outside it is the finding of the baseline rule
// dangerous-capabilities; this rule reports the adds baseline tolerates but restricted does not,
// so each add gets exactly one finding. One list, shared, never copied.
import { BASELINE_CAPABILITIES } from '../baseline/dangerous-capabilities';

const CAPS = ['securityContext', 'capabilities'] as const;

/** The one capability the restricted profile lets a container add. */
const ALLOWED_ADD = 'NET_BIND_SERVICE';

export default defineRule({
  meta: {
    id: 'capabilities-not-dropped',
    title: 'Capabilities not dropped',
    description:
      'The restricted profile requires every container to drop ALL capabilities and to add back at most NET_BIND_SERVICE. The runtime default set (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW on some runtimes, ...) is more than most workloads need.',
    defaultSeverity: 'warning',
    category: 'pod-security-restricted',
    level: 'restricted',
    fixable: 'fix',
    suggestions: true,
    messages: {
      notDropped: '{{label}} "{{name}}" does not drop ALL capabilities (securityContext.capabilities.drop must include ALL).',
      added: '{{label}} "{{name}}" adds capability {{capability}}; the restricted profile allows adding only NET_BIND_SERVICE.',
    },
    references: {
      pss: { level: 'restricted', control: 'Capabilities (v1.22+)' },
      cis: ['5.2.9', '5.2.10'],
      checkov: ['CKV_K8S_37'],
      trivy: ['KSV003'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
      ],
    },
  },
  create(ctx) {
    return {
      container(c) {
        // Windows pods are exempt since policy 1.25: capabilities are Linux-only and API validation rejects them there.
        if (c.pod.isWindows) return;
        const data = { label: c.label, name: c.name };
        const dropPair = c.pair([...CAPS, 'drop']);
        const drops = seqItems(c.get([...CAPS, 'drop']), c.doc).map((n) => scalarValue(n, c.doc));
        if (!drops.includes('ALL')) {
          // The drop list when present, else the nearest of capabilities / securityContext / name.
          const at = (dropPair && keySpan(dropPair)) ?? c.nearestSpan([...CAPS, 'drop']);
          const fixes = () => fixOf('Drop ALL capabilities', 'fix', addToSeq(c.doc, ctx.text, c.node, [...CAPS, 'drop'], ['ALL']));
          ctx.report({ messageId: 'notDropped', data, at, container: c.name, fixes });
        }
        const addSeq = asSeq(c.get([...CAPS, 'add']), c.doc);
        for (const item of seqItems(c.get([...CAPS, 'add']), c.doc)) {
          const cap = scalarValue(item, c.doc);
          if (typeof cap !== 'string' || cap === ALLOWED_ADD || !BASELINE_CAPABILITIES.has(cap)) continue;
          const at = nodeSpan(item);
          // The container may need the capability: a suggestion.
          const fixes = addSeq ? () => fixOf(`Remove capability ${cap}`, 'suggestion', removeSeqItem(c.doc, ctx.text, addSeq, item)) : undefined;
          if (at) ctx.report({ messageId: 'added', data: { ...data, capability: cap }, at, container: c.name, fixes });
        }
      },
    };
  },
});
