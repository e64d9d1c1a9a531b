import { defineRule } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import { composeTrue } from '../../views/compose-values';

const PATH = ['securityContext', 'readOnlyRootFilesystem'] as const;

export default defineRule({
  meta: {
    id: 'writable-root-filesystem',
    title: 'Writable root filesystem',
    description:
      'A container whose root filesystem is writable lets an attacker drop tools, modify binaries and persist inside it. Set readOnlyRootFilesystem: true and mount an emptyDir where the application needs to write.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fixable: 'suggestion',
    messages: {
      writable: '{{label}} "{{name}}" has a writable root filesystem (securityContext.readOnlyRootFilesystem: {{value}}).',
      missing: '{{label}} "{{name}}" does not set securityContext.readOnlyRootFilesystem: true.',
      composeMissing: '{{owner}} does not set read_only: true: its root filesystem is writable.',
      composeWritable: '{{owner}} sets read_only: {{value}}: its root filesystem is writable.',
    },
    references: {
      cisDocker: ['5.13'],
      kubeLinter: ['no-read-only-root-fs'],
      polaris: ['notReadOnlyRootFilesystem'],
      checkov: ['CKV_K8S_22'],
      trivy: ['KSV014'],
      urls: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
    },
  },
  create(ctx) {
    return {
      container(c) {
        // The field is Linux-only: API validation rejects it in a pod with spec.os.name: windows.
        if (c.pod.isWindows) return;
        const value = c.value([...PATH]);
        if (value === true) return;
        const pair = c.pair([...PATH]);
        const data = { label: c.label, name: c.name };
        // The application may need to write: a suggestion (mount an emptyDir where it writes).
        const fixes = () => fixOf('Set readOnlyRootFilesystem: true', 'suggestion', setIn(c.doc, ctx.text, c.node, [...PATH], true));
        if (pair && value !== null && value !== undefined) {
          ctx.report({ messageId: 'writable', data: { ...data, value: String(value) }, at: pairSpan(pair)!, container: c.name, fixes });
        } else {
          ctx.report({ messageId: 'missing', data, at: c.nearestSpan([...PATH]), container: c.name, fixes });
        }
      },
      composeService(s) {
        if (!s.definesContainer) return;
        const setting = s.setting(['read_only']);
        if (setting && composeTrue(setting.value)) return;
        const fixes = () => fixOf('Set read_only: true', 'suggestion', setIn(s.doc, ctx.text, s.node, ['read_only'], true));
        if (setting && setting.value !== null) ctx.report({ messageId: 'composeWritable', data: { owner: s.owner, value: String(setting.value) }, at: setting.span, container: s.name, fixes });
        else ctx.report({ messageId: 'composeMissing', data: { owner: s.owner }, at: s.nameSpan, container: s.name, fixes });
      },
    };
  },
});
