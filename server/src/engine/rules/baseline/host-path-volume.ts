import { defineRule } from '../../rule';
import { asMap, getNode, getPair, keySpan, seqItems, stringValue } from '../../views/yaml-node';
import { globMatcher } from '../../suppress/glob';
import { normalizeHostPath } from '../hardening/sensitive-paths';

/** Compiled `allowedPaths` per options object (options are frozen per settings). */
const allowedCache = new WeakMap<object, (path: string) => boolean>();
function allowedPaths(options: Readonly<Record<string, unknown>>): ((path: string) => boolean) | undefined {
  const list = options.allowedPaths;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  let m = allowedCache.get(options);
  if (!m) {
    m = globMatcher(list.map((p) => normalizeHostPath(String(p)) ?? String(p)));
    allowedCache.set(options, m);
  }
  return m;
}

export default defineRule({
  meta: {
    id: 'host-path-volume',
    title: 'hostPath volume',
    description:
      'A hostPath volume mounts a file or directory of the node into the pod; depending on the path it exposes node credentials, the container runtime socket or lets the pod write to the node file system.',
    defaultSeverity: 'error',
    category: 'pod-security-baseline',
    level: 'baseline',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowedPaths: {
          type: 'array',
          items: { type: 'string', pattern: '^/' },
          description:
            'Host paths (absolute; globs allowed, e.g. "/var/log/**") that hostPath volumes may mount without a finding. Pod Security admission still rejects them at the baseline level; use for clusters that admit them through an exception.',
        },
      },
    },
    messages: {
      hostPath: 'Volume "{{volume}}" mounts a path of the node (volumes[].hostPath).',
      hostPathWithPath: 'Volume "{{volume}}" mounts the node path "{{path}}" (volumes[].hostPath).',
    },
    references: {
      pss: { level: 'baseline', control: 'HostPath Volumes' },
      cis: ['5.2.12'],
      trivy: ['KSV023'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      ],
    },
  },
  create(ctx) {
    const allowed = allowedPaths(ctx.options);
    return {
      podSpec(pod) {
        seqItems(pod.get(['volumes']), pod.doc).forEach((item, index) => {
          const volume = asMap(item, pod.doc);
          const pair = getPair(volume, 'hostPath');
          // `hostPath: null` decodes to no hostPath at all; any map is a hostPath volume.
          const source = asMap(pair?.value, pod.doc);
          if (!pair || !source) return;
          const name = stringValue(getNode(volume, 'name'), pod.doc) ?? `#${index + 1}`;
          const path = stringValue(getNode(source, 'path'), pod.doc);
          const normalized = path === undefined ? undefined : normalizeHostPath(path);
          if (allowed && normalized !== undefined && allowed(normalized)) return;
          ctx.report({
            messageId: path === undefined ? 'hostPath' : 'hostPathWithPath',
            data: path === undefined ? { volume: name } : { volume: name, path },
            at: keySpan(pair)!,
          });
        });
      },
    };
  },
});
