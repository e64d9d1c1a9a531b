import { defineRule } from '../../rule';
import { asMap, getPair, pairSpan, scalarValue, seqItems } from '../../views/yaml-node';

const SSH_PORT = 22;

/**
 * `containerPort: 22` over TCP (the default protocol), and any port named
 * `ssh`, in init and app containers. Ephemeral containers cannot declare ports.
 */
export default defineRule({
  meta: {
    id: 'ssh-port',
    title: 'SSH port exposed',
    description:
      'A container that listens on port 22 (or declares a port named ssh) usually runs an SSH server: one more daemon with credentials to steal and brute-force, and a way in that bypasses the audit trail of kubectl exec.',
    defaultSeverity: 'warning',
    category: 'workloads',
    messages: {
      port22: '{{label}} "{{name}}" exposes port 22 (SSH).',
      named: '{{label}} "{{name}}" exposes a port named "ssh"{{port}}.',
      expose: '{{subject}} exposes port 22 (SSH): EXPOSE {{port}}.',
    },
    references: {
      cisDocker: ['5.7'],
      kubeLinter: ['ssh-port'],
      checkov: ['CKV_DOCKER_1'],
      trivy: ['DS004'],
      urls: ['https://kubernetes.io/docs/tasks/debug/debug-application/get-shell-running-container/'],
    },
  },
  create(ctx) {
    return {
      // Dockerfiles: `EXPOSE 22` or `22/tcp` in the final stage or a stage it builds on.
      dockerfile(df) {
        for (const port of df.exposedPorts()) {
          if (port.value === undefined || !/^22(?:\/tcp)?$/i.test(port.value)) continue;
          ctx.report({ messageId: 'expose', data: { subject: df.imageLabel, port: port.written }, at: port.span });
        }
      },
      container(c) {
        if (c.kind === 'ephemeralContainer') return;
        for (const item of seqItems(c.get(['ports']), c.doc)) {
          const port = asMap(item, c.doc);
          const portPair = getPair(port, 'containerPort');
          const number = scalarValue(portPair?.value, c.doc);
          const protocol = scalarValue(getPair(port, 'protocol')?.value, c.doc);
          const tcp = protocol === undefined || protocol === null || protocol === 'TCP';
          const data = { label: c.label, name: c.name };
          if (portPair && number === SSH_PORT && tcp) {
            ctx.report({ messageId: 'port22', data, at: pairSpan(portPair)!, container: c.name });
            continue;
          }
          const namePair = getPair(port, 'name');
          if (namePair && scalarValue(namePair.value, c.doc) === 'ssh') {
            const shown = typeof number === 'number' ? ` (containerPort ${number})` : '';
            ctx.report({ messageId: 'named', data: { ...data, port: shown }, at: pairSpan(namePair)!, container: c.name });
          }
        }
      },
    };
  },
});
