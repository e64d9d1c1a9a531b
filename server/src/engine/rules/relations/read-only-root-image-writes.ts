import { isMap, isScalar, isSeq } from 'yaml';
import { defineRule, formatMessage } from '../../rule';
import { capitalize } from '../../views/dockerfile';
import { child, childAt, locate, text } from '../../project/index';
import { covers, volumes, writePaths } from '../../project/images/image-facts';
import { imageContainers, imageRelated, inDockerfile } from '../../project/relations/image-containers';

const nonEmpty = (node: unknown): boolean => isSeq(node) && node.items.length > 0;

/**
 * A container with `readOnlyRootFilesystem: true` whose image, built in the
 * project, visibly writes at start to a path that is neither a VOLUME of the
 * image nor under a writable volume mount of the container. Conservative:
 * only what the Dockerfile shows (its CMD / ENTRYPOINT redirecting output to
 * a file, running tee/touch/mkdir on a path or naming a path under /tmp; an
 * nginx base image whose start command is kept), never a guess about what
 * the program does. See docs/rules/read-only-root-image-writes.md.
 */
export default defineRule({
  meta: {
    id: 'read-only-root-image-writes',
    title: 'Read-only root file system, but the image writes to it',
    description:
      'The container sets readOnlyRootFilesystem: true, and the Dockerfile its image is built from shows the start command writing to a path that no VOLUME and no writable volume mount covers: the write fails with "Read-only file system" and the container crashes.',
    defaultSeverity: 'warning',
    category: 'relations',
    messages: {
      writes:
        '{{Container}} has readOnlyRootFilesystem: true, but its image {{image}}, built from {{dockerfile}}, writes to {{paths}} when it starts ({{reasons}}) and no writable volume is mounted there: the write fails with "Read-only file system", the process exits and the kubelet restarts the container (CrashLoopBackOff). Mount an emptyDir volume at {{mounts}}.',
      related: 'Written at start: {{path}} ({{reason}}).',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1',
        'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
        'https://docs.docker.com/reference/dockerfile/#volume',
      ],
    },
  },
  create(ctx) {
    return {
      project(index, report) {
        for (const c of imageContainers(index)) {
          const flag = childAt(c.container, ['securityContext', 'readOnlyRootFilesystem']);
          if (!isScalar(flag) || flag.value !== true) continue;
          const writes = writePaths(c.dockerfile, { command: nonEmpty(child(c.container, 'command')), args: nonEmpty(child(c.container, 'args')) });
          if (writes.length === 0) continue;
          const mounts = volumeMountPaths(c.container);
          const imageVolumes = volumes(c.dockerfile);
          const open = writes.filter((w) => !mounts.some((m) => covers(m, w.path)) && !imageVolumes.some((v) => covers(v, w.path)));
          if (open.length === 0) continue;
          const related = [
            ...open.map((w) => ({ at: inDockerfile(c, w.at), message: formatMessage(ctx.meta.messages.related!, { path: w.path, reason: w.reason }) })),
            ...imageRelated(c),
          ];
          report({
            messageId: 'writes',
            data: {
              container: c.label,
              Container: capitalize(c.label),
              image: c.image,
              dockerfile: c.images.display(c.link.dockerfile),
              paths: open.map((w) => w.path).join(', '),
              reasons: [...new Set(open.map((w) => w.reason))].join('; '),
              mounts: [...new Set(open.map((w) => w.mount))].join(' and '),
            },
            object: c.object,
            at: locate(c.object, flag),
            related,
          });
        }
      },
    };
  },
});

/** The container's writable volume mounts (`readOnly: true` mounts do not count). */
function volumeMountPaths(container: unknown): string[] {
  const mounts = child(container, 'volumeMounts');
  if (!isSeq(mounts)) return [];
  const out: string[] = [];
  for (const m of mounts.items) {
    if (!isMap(m)) continue;
    const path = text(child(m, 'mountPath'));
    const readOnly = child(m, 'readOnly');
    if (path && !(isScalar(readOnly) && readOnly.value === true)) out.push(path);
  }
  return out;
}
