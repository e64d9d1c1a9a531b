import { defineRule, formatMessage } from '../../rule';
import { pairSpan } from '../../views/yaml-node';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import { anchorOf, child, locate, text } from '../../project/index';
import { podAccounts } from '../relations/service-accounts';

const FIELD = 'automountServiceAccountToken';

/**
 * Pod specs and ServiceAccounts that do not set `automountServiceAccountToken: false`.
 *
 * The pod's field overrides its ServiceAccount's, so a pod without the field may
 * still get no token when its ServiceAccount says false. Alone, a document cannot
 * tell which ServiceAccount a cluster will have, so the pod is still reported: the
 * pod-level `false` is the one setting that holds whatever account the pod runs as.
 * In a project (engine/project/relations.ts) that defines the pod's ServiceAccount,
 * the pod is judged with it instead: no finding when the account sets false, else
 * a finding naming the account. docs/rules/automount-service-account-token.md explains.
 */
export default defineRule({
  meta: {
    id: 'automount-service-account-token',
    title: 'Service account token mounted automatically',
    description:
      'Unless automountServiceAccountToken is false, every container of a pod gets a token for the Kubernetes API. Most applications never call the API; for them the token only helps an attacker who gets code execution.',
    defaultSeverity: 'info',
    category: 'service-accounts',
    fixable: 'suggestion',
    messages: {
      podMissing:
        'The pod does not set automountServiceAccountToken: false: its containers get a Kubernetes API token (unless its ServiceAccount disables it).',
      podValue:
        'The pod sets automountServiceAccountToken: {{value}}: every container gets a Kubernetes API token. If one container needs it, mount a projected serviceAccountToken volume in that container only.',
      accountMissing:
        'ServiceAccount "{{name}}" does not set automountServiceAccountToken: false: pods that use it get its token unless they opt out.',
      accountValue: 'ServiceAccount "{{name}}" sets automountServiceAccountToken: {{value}}: pods that use it get its token unless they opt out.',
      podAccount:
        'The pod does not set automountServiceAccountToken: false and its ServiceAccount "{{name}}" does not disable it either: its containers get a Kubernetes API token.',
      relatedAccount: 'ServiceAccount "{{name}}" leaves token automounting on here.',
    },
    references: {
      cis: ['5.1.6'],
      kubeLinter: ['automount-service-account-token'],
      polaris: ['automountServiceAccountToken'],
      checkov: ['CKV_K8S_38', 'CKV_K8S_41'],
      trivy: ['KSV036'],
      urls: [
        'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
        'https://kubernetes.io/docs/concepts/security/service-accounts/',
      ],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        const value = pod.value([FIELD]);
        if (value === false) return;
        const pair = pod.pair([FIELD]);
        // The application may call the Kubernetes API: a suggestion.
        const fixes = () => fixOf(`Set ${FIELD}: false`, 'suggestion', setIn(pod.doc, ctx.text, pod.node, [FIELD], false));
        if (pair && value !== null && value !== undefined) {
          ctx.report({ messageId: 'podValue', data: { value: String(value) }, at: pairSpan(pair)!, fixes });
        } else {
          ctx.report({ messageId: 'podMissing', at: pod.specKeySpan, fixes });
        }
      },
      serviceAccount(account) {
        const { resource, label: name } = account;
        const { pair, value } = account.automount();
        if (value === false) return;
        const fixes = () => fixOf(`Set ${FIELD}: false`, 'suggestion', setIn(resource.doc, ctx.text, resource.root, [FIELD], false));
        if (pair && value !== null && value !== undefined) {
          ctx.report({ messageId: 'accountValue', data: { name, value: String(value) }, at: pairSpan(pair)!, fixes });
        } else {
          ctx.report({ messageId: 'accountMissing', data: { name }, at: resource.anchorSpan, fixes });
        }
      },
      project(index, report, replace) {
        for (const p of podAccounts(index)) {
          // A pod that sets the field decides for itself (judged alone); an account the project does not define cannot be judged.
          if (text(child(p.spec, FIELD)) !== undefined || p.accounts.length === 0) continue;
          replace(p.pod);
          const account = p.accounts[0]!;
          const value = child(account.node, FIELD);
          if (text(value) === 'false') continue;
          const related = { at: value ? locate(account, value) : anchorOf(account), message: formatMessage(ctx.meta.messages.relatedAccount!, { name: p.name }) };
          report({ messageId: 'podAccount', data: { name: p.name }, object: p.pod, at: locate(p.pod, child(p.template, 'spec'), true), related: [related] });
        }
      },
    };
  },
});
