import { defineRule, formatMessage } from '../../rule';
import { locate } from '../../project/index';
import { imageUser } from '../../project/images/image-facts';
import { imageContainers, imageRelated, inDockerfile, requiresNonRootImage } from '../../project/relations/image-containers';

const KUBELET_DOCS = 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';

/**
 * A container that must run as non-root (`runAsNonRoot: true`, no
 * `runAsUser`) whose image, built in the project, runs as root: USER 0
 * (`USER 0:0`), USER root, or no user at all in a `FROM scratch` image. The
 * kubelet's `verifyRunAsNonRoot` refuses to start it. A Dockerfile without
 * USER on another base image is not judged: the base image's user decides.
 */
export default defineRule({
  meta: {
    id: 'run-as-non-root-image-root',
    title: 'runAsNonRoot pod runs an image that runs as root',
    description:
      'The pod requires runAsNonRoot: true and sets no runAsUser, so the kubelet checks the user of the image, and the Dockerfile the image is built from makes that user root: the kubelet refuses to start the container (CreateContainerConfigError).',
    defaultSeverity: 'error',
    category: 'relations',
    messages: {
      uid: 'The kubelet will not start {{container}}: it must run as non-root (runAsNonRoot: true, no runAsUser), but its image {{image}}, built from {{dockerfile}}, runs as root (USER {{user}}). The pod stays in CreateContainerConfigError ("container has runAsNonRoot and image will run as root"). Set a non-root USER in the Dockerfile (e.g. USER 10001) or runAsUser here.',
      rootName:
        'The kubelet will not start {{container}}: it must run as non-root (runAsNonRoot: true, no runAsUser), but its image {{image}}, built from {{dockerfile}}, runs as root (USER {{user}}). The pod stays in CreateContainerConfigError ("container has runAsNonRoot and image has non-numeric user (root), cannot verify user is non-root"). Set a numeric non-root USER in the Dockerfile (e.g. USER 10001) or runAsUser here.',
      none: 'The kubelet will not start {{container}}: it must run as non-root (runAsNonRoot: true, no runAsUser), but its image {{image}}, built from {{dockerfile}}, is FROM scratch with no USER, which the kubelet treats as root. The pod stays in CreateContainerConfigError ("container has runAsNonRoot and image will run as root"). Add USER 10001 to the Dockerfile or set runAsUser here.',
      relatedUser: 'USER {{user}}: the image runs as root.',
      relatedNone: 'FROM scratch with no USER: the image sets no user (root).',
    },
    references: {
      urls: [KUBELET_DOCS, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1', 'https://docs.docker.com/reference/dockerfile/#user'],
    },
  },
  create(ctx) {
    const m = ctx.meta.messages;
    return {
      project(index, report) {
        for (const c of imageContainers(index)) {
          const nonRoot = requiresNonRootImage(c);
          const user = nonRoot && imageUser(c.dockerfile);
          if (!nonRoot || !user) continue;
          const root = user.kind === 'none' || (user.kind === 'uid' && user.uid === 0) || (user.kind === 'name' && user.name === 'root');
          if (!root) continue;
          const messageId = user.kind === 'none' ? 'none' : user.kind === 'uid' ? 'uid' : 'rootName';
          const written = user.kind === 'none' ? '' : user.written;
          const related = [{ at: inDockerfile(c, user.at), message: user.kind === 'none' ? m.relatedNone! : formatMessage(m.relatedUser!, { user: written }) }, ...imageRelated(c)];
          report({
            messageId,
            data: { container: c.label, image: c.image, dockerfile: c.images.display(c.link.dockerfile), user: written },
            object: c.object,
            at: locate(c.object, nonRoot),
            related,
          });
        }
      },
    };
  },
});
