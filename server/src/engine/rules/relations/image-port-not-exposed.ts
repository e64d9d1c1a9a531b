import { isMap, isSeq, type Node } from 'yaml';
import { defineRule, formatMessage } from '../../rule';
import { capitalize } from '../../views/dockerfile';
import { child, locate, text } from '../../project/index';
import { describePorts, exposedPorts, type ExposedPort } from '../../project/images/image-facts';
import { imageContainers, imageRelated, inDockerfile, type ImageContainer } from '../../project/relations/image-containers';

const PROBES = [
  ['livenessProbe', 'liveness'],
  ['readinessProbe', 'readiness'],
  ['startupProbe', 'startup'],
] as const;

interface DeclaredPort {
  name?: string;
  number: number;
  protocol: string;
  node: Node;
}

function declaredPorts(c: ImageContainer): DeclaredPort[] {
  const ports = child(c.container, 'ports');
  if (!isSeq(ports)) return [];
  const out: DeclaredPort[] = [];
  for (const p of ports.items) {
    const node = child(p, 'containerPort');
    const value = isMap(p) && node && 'value' in node ? (node as { value: unknown }).value : undefined;
    if (typeof value !== 'number' || !node) continue;
    const name = text(child(p, 'name'));
    out.push({ number: value, protocol: text(child(p, 'protocol')) ?? 'TCP', node, ...(name !== undefined ? { name } : {}) });
  }
  return out;
}

const isExposed = (exposed: readonly ExposedPort[], port: number, protocol: string): boolean => exposed.some((e) => e.protocol === protocol && port >= e.from && port <= e.to);

/**
 * A container whose image, built in the project, EXPOSEs ports, while its
 * probes check (or its `ports` declare) a port the image does not EXPOSE.
 * EXPOSE documents the ports the image's process listens on; a probe on
 * another port usually means a typo or a changed port, and the probe then
 * fails. Images without EXPOSE, probes with a `host`, exec probes and named
 * ports no container port defines are not judged.
 */
export default defineRule({
  meta: {
    id: 'image-port-not-exposed',
    title: 'Probe or container port the image does not EXPOSE',
    description:
      'A probe (httpGet, tcpSocket, grpc) or a containerPort names a port that the image, built from a Dockerfile of the project, does not EXPOSE while it EXPOSEs others: if the process does not listen there, the probe fails and the kubelet restarts the container or keeps the pod out of its Services.',
    defaultSeverity: 'warning',
    category: 'relations',
    messages: {
      liveness:
        'The liveness probe of {{container}} checks port {{port}}, which its image {{image}}, built from {{dockerfile}}, does not EXPOSE (it EXPOSEs {{exposed}}): if the process does not listen there, the probe fails and the kubelet kills and restarts the container, over and over (CrashLoopBackOff).',
      readiness:
        'The readiness probe of {{container}} checks port {{port}}, which its image {{image}}, built from {{dockerfile}}, does not EXPOSE (it EXPOSEs {{exposed}}): if the process does not listen there, the probe fails, the pod never becomes Ready and its Services send it no traffic.',
      startup:
        'The startup probe of {{container}} checks port {{port}}, which its image {{image}}, built from {{dockerfile}}, does not EXPOSE (it EXPOSEs {{exposed}}): if the process does not listen there, the probe fails and the kubelet kills and restarts the container before it ever runs its other probes.',
      containerPort:
        '{{Container}} declares containerPort {{port}}/{{protocol}}, which its image {{image}}, built from {{dockerfile}}, does not EXPOSE (it EXPOSEs {{exposed}}): if the process does not listen there, connections to it (from a Service or a probe) are refused.',
      related: 'The image EXPOSEs {{exposed}}.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
        'https://docs.docker.com/reference/dockerfile/#expose',
      ],
    },
  },
  create(ctx) {
    return {
      project(index, report) {
        for (const c of imageContainers(index)) {
          const exposed = exposedPorts(c.dockerfile);
          if (!exposed || exposed.length === 0) continue;
          const declared = declaredPorts(c);
          const data = { container: c.label, Container: capitalize(c.label), image: c.image, dockerfile: c.images.display(c.link.dockerfile), exposed: describePorts(exposed) };
          const related = [{ at: inDockerfile(c, exposed[0]!.span), message: formatMessage(ctx.meta.messages.related!, data) }, ...imageRelated(c)];
          for (const p of declared) {
            if (isExposed(exposed, p.number, p.protocol.toUpperCase())) continue;
            const at = locate(c.object, p.node);
            report({ messageId: 'containerPort', data: { ...data, port: p.number, protocol: p.protocol }, object: c.object, at, related, severity: 'info' });
          }
          for (const [key, kind] of PROBES) {
            const probe = child(c.container, key);
            for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
              const h = child(probe, handler);
              if (!isMap(h) || text(child(h, 'host')) !== undefined) continue;
              const portNode = child(h, 'port');
              const written = portNode && 'value' in portNode ? (portNode as { value: unknown }).value : undefined;
              const port = typeof written === 'number' ? written : typeof written === 'string' ? declared.find((d) => d.name === written)?.number : undefined;
              if (port === undefined || !portNode || isExposed(exposed, port, 'TCP')) continue;
              report({ messageId: kind, data: { ...data, port: typeof written === 'string' ? `${port} ("${written}")` : port }, object: c.object, at: locate(c.object, portNode), related });
            }
          }
        }
      },
    };
  },
});
