import { defineRule, formatMessage } from '../../rule';
import { locate } from '../../project/index';
import { imageUser } from '../../project/images/image-facts';
import { imageContainers, imageRelated, inDockerfile, requiresNonRootImage } from '../../project/relations/image-containers';

/** Windows images' users (the kubelet checks Windows pods differently; they are left out anyway). */
const WINDOWS_USERS = new Set(['containeruser', 'containeradministrator']);

/**
 * A container that must run as non-root (`runAsNonRoot: true`, no
 * `runAsUser`) whose image, built in the project, names its user (`USER app`,
 * `USER app:app`) instead of a UID: the runtime reports a user name, which the
 * kubelet cannot check, so it refuses to start the container. `USER root` is
 * run-as-non-root-image-root's.
 */
export default defineRule({
  meta: {
    id: 'run-as-non-root-image-user-name',
    title: 'runAsNonRoot pod runs an image whose USER is a name',
    description:
      'The pod requires runAsNonRoot: true and sets no runAsUser, and the Dockerfile the image is built from sets USER to a user name rather than a numeric UID: the kubelet cannot verify that the name is not root and refuses to start the container (CreateContainerConfigError).',
    defaultSeverity: 'error',
    category: 'relations',
    messages: {
      name: 'The kubelet will not start {{container}}: it must run as non-root (runAsNonRoot: true, no runAsUser), and its image {{image}}, built from {{dockerfile}}, runs as the user name "{{user}}" (USER {{written}}), which the kubelet cannot check. The pod stays in CreateContainerConfigError ("container has runAsNonRoot and image has non-numeric user ({{user}}), cannot verify user is non-root"). Use a numeric USER in the Dockerfile (e.g. USER 10001) or set runAsUser here.',
      related: 'USER {{user}}: a user name, not a numeric UID.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
        'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1',
        'https://docs.docker.com/reference/dockerfile/#user',
      ],
    },
  },
  create(ctx) {
    return {
      project(index, report) {
        for (const c of imageContainers(index)) {
          const nonRoot = requiresNonRootImage(c);
          const user = nonRoot && imageUser(c.dockerfile);
          if (!nonRoot || !user || user.kind !== 'name' || user.name === 'root' || WINDOWS_USERS.has(user.name.toLowerCase())) continue;
          report({
            messageId: 'name',
            data: { container: c.label, image: c.image, dockerfile: c.images.display(c.link.dockerfile), user: user.name, written: user.written },
            object: c.object,
            at: locate(c.object, nonRoot),
            related: [{ at: inDockerfile(c, user.at), message: formatMessage(ctx.meta.messages.related!, { user: user.written }) }, ...imageRelated(c)],
          });
        }
      },
    };
  },
});
