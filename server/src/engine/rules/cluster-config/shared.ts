/**
 * What the cluster-config rules share: visiting the control-plane components
 * of an object (static pod containers, kubeadm ClusterConfiguration), and the
 * reports for a flag that is missing, or written with a value to change.
 */
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import type { RuleContext, RuleVisitors } from '../../rule';
import type { Fix, Severity } from '../../types';
import { KubeletConfigView } from '../../views/node-config';
import { controlPlaneViews, type ControlPlaneComponent, type ControlPlaneView, type FlagSetting } from '../../views/control-plane';

export const CIS_KUBERNETES_URL = 'https://www.cisecurity.org/benchmark/kubernetes';
export const KUBEADM_CONFIG_URL = 'https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/';
export const APISERVER_URL = 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/';

/** Visitors calling `visit` for every component of `components` an object runs or generates. */
export function onComponents(
  ctx: RuleContext,
  components: readonly ControlPlaneComponent[],
  visit: (view: ControlPlaneView) => void,
): RuleVisitors {
  return {
    resource(resource) {
      for (const view of controlPlaneViews(resource, ctx.views)) if (components.includes(view.component)) visit(view);
    },
  };
}

export interface FlagReport {
  messageId: string;
  data?: Record<string, string | number>;
  severity?: Severity;
}

/** A flag that is not written (nor set by kubeadm): reported at the command (or extraArgs) line, with a fix adding it when `add` is given. */
export function reportMissing(ctx: RuleContext, view: ControlPlaneView, report: FlagReport, add?: { name: string; value: string; kind: 'fix' | 'suggestion' }): void {
  const fixes = add ? () => fixOf(`Add --${add.name}=${add.value}`, add.kind, view.addFlag(ctx.text, add.name, add.value)) : undefined;
  ctx.report({
    messageId: report.messageId,
    data: { component: view.label, ...report.data },
    at: view.anchor,
    ...(view.container ? { container: view.container } : {}),
    ...(report.severity ? { severity: report.severity } : {}),
    ...(fixes ? { fixes } : {}),
  });
}

/** A flag written with a value to change: reported on its line, with a suggestion writing `value` (or removing it when `value` is undefined). */
export function reportSetting(ctx: RuleContext, view: ControlPlaneView, setting: FlagSetting, report: FlagReport, change?: { value?: string }): void {
  const fixes = change
    ? () =>
        change.value === undefined
          ? fixOf(`Remove --${setting.name}`, 'suggestion', view.remove(ctx.text, setting))
          : fixOf(`Set --${setting.name}=${change.value}`, 'suggestion', view.setValue(ctx.text, setting, change.value))
    : undefined;
  ctx.report({
    messageId: report.messageId,
    data: { component: view.label, ...report.data },
    at: view.spanOf(setting),
    ...(view.container ? { container: view.container } : {}),
    ...(report.severity ? { severity: report.severity } : {}),
    ...(fixes ? { fixes } : {}),
  });
}

/** A flag whose value is empty or unset: the component runs without it. */
export function unset(view: ControlPlaneView, name: string): boolean {
  const s = view.flag(name);
  return s === undefined || s.value.trim() === '';
}

export const KUBELET_CONFIG_URL = 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/';

/** Visitors calling `visit` for every KubeletConfiguration document. */
export function onKubeletConfig(visit: (config: KubeletConfigView) => void): RuleVisitors {
  return {
    resource(resource) {
      const config = KubeletConfigView.from(resource);
      if (config) visit(config);
    },
  };
}

/** A suggestion replacing the value at `path` of a kubelet config (or undefined when it cannot be edited safely). */
export function kubeletSuggestion(ctx: RuleContext, config: KubeletConfigView, path: readonly string[], value: string | number | boolean): () => Fix[] | undefined {
  return () => fixOf(`Set ${path.join('.')}: ${String(value)}`, 'suggestion', setIn(config.doc, ctx.text, config.node, path, value));
}
