import { defineRule } from '../../rule';
import { DAEMON_DOC } from './shared';

const CERTS = ['tlscacert', 'tlscert', 'tlskey'] as const;

/**
 * A TCP socket in `hosts` is the Docker API on the network: root on the host
 * for whoever reaches it. It needs `tlsverify: true` (clients must present a
 * certificate the CA signed) and the CA, certificate and key files.
 */
export default defineRule({
  meta: {
    id: 'docker-daemon-tls',
    title: 'Docker API on TCP without TLS client verification',
    description:
      'dockerd listening on a TCP socket without "tlsverify": true and its CA, certificate and key hands root on the host to anyone who can reach the port. Use the Unix socket, SSH, or TLS with client certificate verification.',
    defaultSeverity: 'error',
    category: 'docker-daemon',
    messages: {
      noVerify: 'dockerd listens on {{host}} without "tlsverify": true: anyone who reaches the port controls the host.',
      noCerts: 'dockerd listens on {{host}} with "tlsverify" but without {{missing}}.',
    },
    references: {
      cisDocker: ['2.7'],
      urls: [DAEMON_DOC, 'https://docs.docker.com/engine/security/protect-access/'],
    },
  },
  create(ctx) {
    return {
      dockerDaemon(view) {
        const hosts = view.setting('hosts');
        if (hosts?.value.type !== 'array') return;
        const verify = view.flag('tlsverify', false).value;
        const missing = CERTS.filter((k) => {
          const v = view.setting(k)?.value;
          return v?.type !== 'string' || v.value.trim() === '';
        });
        for (const item of hosts.value.items) {
          if (item.type !== 'string' || !/^tcp:\/\//i.test(item.value.trim())) continue;
          if (!verify) ctx.report({ messageId: 'noVerify', data: { host: item.value }, at: item.span });
          else if (missing.length > 0) ctx.report({ messageId: 'noCerts', data: { host: item.value, missing: missing.map((k) => `"${k}"`).join(', ') }, at: item.span });
        }
      },
    };
  },
});
