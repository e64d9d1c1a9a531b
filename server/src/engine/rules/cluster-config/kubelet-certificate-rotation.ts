import { defineRule } from '../../rule';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import { pairSpan } from '../../views/yaml-node';
import { controlPlaneViews } from '../../views/control-plane';
import { KubeletConfigView } from '../../views/node-config';
import { CIS_KUBERNETES_URL, KUBELET_CONFIG_URL, kubeletSuggestion, reportSetting } from './shared';

const GATE = 'RotateKubeletServerCertificate';

/**
 * Kubelet certificate rotation: KubeletConfiguration `rotateCertificates`
 * false or unset (its config file default is false), the
 * RotateKubeletServerCertificate feature gate turned off in a kubelet config
 * or on the controller manager.
 */
export default defineRule({
  meta: {
    id: 'kubelet-certificate-rotation',
    title: 'Kubelet certificate rotation off',
    description:
      'Without rotateCertificates the kubelet keeps its client certificate until it expires and the node drops out; with the RotateKubeletServerCertificate feature gate off (on the kubelet or the controller manager) serving certificates are not renewed either.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'fix',
    suggestions: true,
    messages: {
      rotationOff: 'KubeletConfiguration sets rotateCertificates: false: the kubelet\'s client certificate is not renewed before it expires; set it to true.',
      rotationUnset:
        'KubeletConfiguration does not set rotateCertificates (the config file\'s default is false): the kubelet\'s client certificate is not renewed before it expires; add rotateCertificates: true.',
      gateOff: '{{component}} turns the RotateKubeletServerCertificate feature gate off: kubelet serving certificates are not renewed; remove it.',
    },
    references: {
      cis: ['1.3.6', '4.2.10', '4.2.11'],
      urls: [KUBELET_CONFIG_URL, 'https://kubernetes.io/docs/tasks/tls/certificate-rotation/', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return {
      resource(resource) {
        const config = KubeletConfigView.from(resource);
        if (config) {
          const rotate = config.value(['rotateCertificates']);
          const pair = config.pair(['rotateCertificates']);
          if (rotate === false) ctx.report({ messageId: 'rotationOff', at: pairSpan(pair)!, fixes: kubeletSuggestion(ctx, config, ['rotateCertificates'], true) });
          else if (!pair) {
            const fixes = () => fixOf('Add rotateCertificates: true', 'fix', setIn(config.doc, ctx.text, config.node, ['rotateCertificates'], true));
            ctx.report({ messageId: 'rotationUnset', at: resource.kindSpan, fixes });
          }
          const gate = config.pair(['featureGates', GATE]);
          if (config.value(['featureGates', GATE]) === false) {
            ctx.report({ messageId: 'gateOff', data: { component: 'KubeletConfiguration' }, at: pairSpan(gate)!, fixes: kubeletSuggestion(ctx, config, ['featureGates', GATE], true) });
          }
          return;
        }
        for (const view of controlPlaneViews(resource, ctx.views)) {
          if (view.component !== 'kube-controller-manager') continue;
          const off = view.listItems('feature-gates').find((g) => g.item.replace(/\s+/g, '') === `${GATE}=false`);
          if (off) reportSetting(ctx, view, off.setting, { messageId: 'gateOff' });
        }
      },
    };
  },
});
