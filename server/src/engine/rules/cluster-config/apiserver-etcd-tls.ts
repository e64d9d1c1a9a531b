import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportMissing, reportSetting, unset } from './shared';

/** The API server's connection to etcd: plain http, no client certificate and key, no CA. */
export default defineRule({
  meta: {
    id: 'apiserver-etcd-tls',
    title: 'API server to etcd TLS incomplete',
    description:
      'etcd holds every object of the cluster, Secrets included. The API server must reach it over https with a client certificate (--etcd-certfile, --etcd-keyfile) and verify it with --etcd-cafile.',
    defaultSeverity: 'error',
    category: 'cluster-config',
    messages: {
      clientCert: '{{component}} has no --etcd-certfile and --etcd-keyfile: it cannot authenticate to etcd, which then must accept clients without certificates.',
      authority: '{{component}} has no --etcd-cafile: etcd\'s certificate is not verified, so the whole cluster state can be intercepted.',
      plainHttp: '{{component}} reaches etcd over plain http ({{server}}): the cluster state, Secrets included, crosses the network unencrypted.',
    },
    references: {
      cis: ['1.2.23', '1.2.26'],
      urls: [APISERVER_URL, 'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      if (unset(view, 'etcd-certfile') || unset(view, 'etcd-keyfile')) reportMissing(ctx, view, { messageId: 'clientCert' });
      if (unset(view, 'etcd-cafile')) reportMissing(ctx, view, { messageId: 'authority' });
      const plain = view.listItems('etcd-servers').find((s) => /^http:\/\//i.test(s.item) && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/i.test(s.item));
      if (plain) reportSetting(ctx, view, plain.setting, { messageId: 'plainHttp', data: { server: plain.item.replace(/\/\/[^@/]*@/, '//') } });
    });
  },
});
