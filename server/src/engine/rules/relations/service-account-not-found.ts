import { defineRule } from '../../rule';
import { locate } from '../../project/index';
import { podAccounts } from './service-accounts';

/**
 * Pods naming a ServiceAccount the project does not define. Judged only in
 * namespaces where the project defines ServiceAccounts: a project that leaves
 * a namespace's accounts to another tool (a chart outside the project, an operator) says
 * nothing about them.
 */
export default defineRule({
  meta: {
    id: 'service-account-not-found',
    title: 'Pod names a ServiceAccount the project does not define',
    description:
      'A pod that names a ServiceAccount missing from its namespace is rejected when it is created (the ServiceAccount admission plugin looks the account up), and what the pod may do cannot be checked against the account\'s bindings.',
    defaultSeverity: 'info',
    category: 'relations',
    messages: {
      missing:
        'The pod runs as ServiceAccount "{{name}}", which the project does not define in namespace "{{namespace}}": the API server rejects the pod unless the account exists when it is created.',
    },
    references: {
      kubeLinter: ['non-existent-service-account'],
      urls: ['https://kubernetes.io/docs/concepts/security/service-accounts/', 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#serviceaccount-admission-controller'],
    },
  },
  create() {
    return {
      project(index, report) {
        const namespaces = new Set(index.ofKind('ServiceAccount').filter((a) => a.apiVersion === 'v1').map((a) => a.namespace));
        for (const p of podAccounts(index)) {
          if (!p.nameNode || p.accounts.length > 0 || p.name === 'default' || !namespaces.has(p.pod.namespace)) continue;
          report({ messageId: 'missing', data: { name: p.name, namespace: p.pod.namespace ?? 'default' }, object: p.pod, at: locate(p.pod, p.nameNode) });
        }
      },
    };
  },
});
