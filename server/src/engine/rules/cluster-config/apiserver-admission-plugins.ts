import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportMissing, reportSetting } from './shared';

const ADMISSION_URL = 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/';

/** Admission plugins: AlwaysAdmit enabled, NodeRestriction not enabled, ServiceAccount or NamespaceLifecycle disabled. */
export default defineRule({
  meta: {
    id: 'apiserver-admission-plugins',
    title: 'API server admission plugins',
    description:
      'AlwaysAdmit admits every request; without NodeRestriction a kubelet may modify any Node and Pod object; disabling ServiceAccount or NamespaceLifecycle drops service account defaults and lets objects be created in terminating namespaces.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'suggestion',
    messages: {
      alwaysAdmit: '{{component}} enables the AlwaysAdmit admission plugin: every request is admitted; remove it.',
      noNodeRestriction:
        '{{component}} does not enable the NodeRestriction admission plugin (it is off by default): a kubelet may modify any Node and Pod object, not only its own; add it to --enable-admission-plugins.',
      disabled: '{{component}} disables the {{plugin}} admission plugin, which is on by default; do not disable it.',
    },
    references: {
      cis: ['1.2.10', '1.2.12', '1.2.13', '1.2.14'],
      urls: [APISERVER_URL, ADMISSION_URL, CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      const enabled = [...view.listItems('enable-admission-plugins'), ...view.listItems('admission-control')];
      const disabled = view.listItems('disable-admission-plugins');
      const always = enabled.find((e) => e.item === 'AlwaysAdmit');
      if (always) reportSetting(ctx, view, always.setting, { messageId: 'alwaysAdmit', severity: 'error' });
      for (const plugin of ['ServiceAccount', 'NamespaceLifecycle', 'NodeRestriction']) {
        const off = disabled.find((d) => d.item === plugin);
        if (off) reportSetting(ctx, view, off.setting, { messageId: plugin === 'NodeRestriction' ? 'noNodeRestriction' : 'disabled', data: { plugin } });
      }
      if (disabled.some((d) => d.item === 'NodeRestriction') || enabled.some((e) => e.item === 'NodeRestriction')) return;
      const setting = view.flag('enable-admission-plugins');
      if (setting?.span && setting.value.trim() !== '') {
        reportSetting(ctx, view, setting, { messageId: 'noNodeRestriction' }, { value: `${setting.value},NodeRestriction` });
      } else {
        reportMissing(ctx, view, { messageId: 'noNodeRestriction' }, { name: 'enable-admission-plugins', value: 'NodeRestriction', kind: 'suggestion' });
      }
    });
  },
});
