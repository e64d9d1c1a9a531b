import { defineRule } from '../../rule';
import { asMap, getNode, nodeSpan, seqItems, stringValue } from '../../views/yaml-node';
import { describeMatch, isRuntimeSocket, matchSensitivePath, normalizeHostPath } from './sensitive-paths';

export default defineRule({
  meta: {
    id: 'sensitive-host-path',
    title: 'Sensitive host path mounted',
    description:
      'A hostPath volume of the node root, /etc, /proc, /sys, /dev, /boot, /lib, /usr or a container runtime socket (Docker, containerd, CRI-O) gives the container a direct route to taking over the node.',
    defaultSeverity: 'error',
    category: 'hardening',
    messages: {
      sensitive: 'Volume "{{volume}}" mounts the host path {{path}} ({{detail}}).',
      compose: '{{owner}} bind-mounts the host path {{path}} ({{detail}}).',
    },
    references: {
      cis: ['5.2.12'],
      cisDocker: ['5.6', '5.32'],
      kubeLinter: ['sensitive-host-mounts', 'docker-sock'],
      checkov: ['CKV_K8S_27'],
      trivy: ['KSV006'],
      urls: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
    },
  },
  create(ctx) {
    return {
      podSpec(pod) {
        seqItems(pod.get(['volumes']), pod.doc).forEach((item, index) => {
          const volume = asMap(item, pod.doc);
          const pathNode = getNode(asMap(getNode(volume, 'hostPath'), pod.doc), 'path');
          const raw = stringValue(pathNode, pod.doc);
          if (raw === undefined) return;
          const path = normalizeHostPath(raw);
          const match = path === undefined ? undefined : matchSensitivePath(path);
          const at = nodeSpan(pathNode);
          if (!match || !at || path === undefined) return;
          const name = stringValue(getNode(volume, 'name'), pod.doc) ?? `#${index + 1}`;
          ctx.report({ messageId: 'sensitive', data: { volume: name, path, detail: describeMatch(match) }, at });
        });
      },
      composeService(s) {
        for (const volume of s.volumes()) {
          if (volume.type !== 'bind' || volume.source === undefined || !volume.sourceSpan) continue;
          const path = normalizeHostPath(volume.source);
          const match = path === undefined ? undefined : matchSensitivePath(path);
          if (!match || path === undefined) continue;
          const benchmarkItems = { cisDocker: [isRuntimeSocket(match) ? '5.32' : '5.6'] };
          ctx.report({ messageId: 'compose', data: { owner: s.owner, path, detail: describeMatch(match) }, at: volume.sourceSpan, container: s.name, benchmarkItems });
        }
      },
    };
  },
});
