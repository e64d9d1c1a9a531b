import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportMissing, reportSetting } from './shared';

/**
 * The API server's authorizers: unset (the API server's default is
 * AlwaysAllow), AlwaysAllow, ABAC, or without Node or RBAC. Not judged when
 * `--authorization-config` (structured authorization) replaces the flag.
 */
export default defineRule({
  meta: {
    id: 'apiserver-authorization-mode',
    title: 'API server authorization mode',
    description:
      'The API server authorizes with --authorization-mode: unset it allows every request (AlwaysAllow); it should include Node (kubelets reach only their own pods\' objects) and RBAC, and avoid AlwaysAllow and ABAC (a policy file that needs a restart to change).',
    defaultSeverity: 'error',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      missing:
        '{{component}} has no --authorization-mode: the API server then authorizes every authenticated request (AlwaysAllow); set --authorization-mode=Node,RBAC.',
      alwaysAllow: '{{component}} authorizes with AlwaysAllow: every authenticated request is allowed; use Node,RBAC.',
      abac: '{{component}} authorizes with ABAC: its policy file changes only with an API server restart and is easy to get wrong; use RBAC.',
      noNode: '{{component}} authorizes without Node: kubelets may read every Secret and ConfigMap, not only their own pods\'; add Node before RBAC.',
      noRbac: '{{component}} authorizes without RBAC: Roles and bindings have no effect; add RBAC.',
    },
    references: {
      cis: ['1.2.6', '1.2.7', '1.2.8'],
      urls: [APISERVER_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/authorization/', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      if (view.flag('authorization-config')?.value) return;
      const items = view.listItems('authorization-mode');
      if (items.length === 0) {
        reportMissing(ctx, view, { messageId: 'missing' }, { name: 'authorization-mode', value: 'Node,RBAC', kind: 'suggestion' });
        return;
      }
      const last = items[items.length - 1]!.setting;
      const modes = new Set(items.map((i) => i.item));
      const at = (mode: string) => items.find((i) => i.item === mode)!.setting;
      if (modes.has('AlwaysAllow')) reportSetting(ctx, view, at('AlwaysAllow'), { messageId: 'alwaysAllow' });
      if (modes.has('ABAC')) reportSetting(ctx, view, at('ABAC'), { messageId: 'abac', severity: 'warning' });
      if (!modes.has('Node')) reportSetting(ctx, view, last, { messageId: 'noNode', severity: 'warning' });
      if (!modes.has('RBAC')) reportSetting(ctx, view, last, { messageId: 'noRbac' });
    });
  },
});
