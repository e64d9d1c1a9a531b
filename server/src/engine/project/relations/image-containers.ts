/**
 * The containers of the project's workloads that run an image the project
 * builds (images/built-images.ts), with the Dockerfile it is built from and
 * the security settings the kubelet applies to them (the container's
 * `securityContext` over the pod's, as `DetermineEffectiveSecurityContext`).
 * Shared by the image relation rules (run-as-non-root-image-root and -user-name,
 * image-port-not-exposed, read-only-root-image-writes). Windows
 * pods (`spec.os.name: windows`) are left out: the kubelet checks users
 * differently there.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { DockerfileView } from '../../views/dockerfile';
import { child, childAt, locate, text, type IndexedObject, type ProjectIndex, type ProjectPlace } from '../index';
import type { Span } from '../../types';
import type { ImageLink, ProjectImages } from '../images/types';
import type { ProjectPath } from '../types';

export interface ImageContainer {
  object: IndexedObject;
  /** The pod spec. */
  spec: YAMLMap;
  container: YAMLMap;
  /** `container "api"`, `init container "setup"`, `ephemeral container "debug"`. */
  label: string;
  name: string;
  /** The `image` value node (as built: after kustomize `images:`). */
  imageNode: Node;
  image: string;
  link: ImageLink;
  dockerfile: DockerfileView;
  images: ProjectImages;
}

const LISTS: ReadonlyArray<[string, string]> = [
  ['initContainers', 'init container'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeral container'],
];

/** Every container of the project's workloads whose image the project builds. */
export function imageContainers(index: ProjectIndex): readonly ImageContainer[] {
  const images = index.images;
  if (!images || images.empty) return [];
  return images.memo('containers', () => findContainers(index, images));
}

function findContainers(index: ProjectIndex, images: ProjectImages): ImageContainer[] {
  const out: ImageContainer[] = [];
  for (const object of index.objects) {
    const template = index.podTemplate(object);
    const spec = template && child(template, 'spec');
    if (!isMap(spec) || text(childAt(spec, ['os', 'name'])) === 'windows') continue;
    for (const [list, kind] of LISTS) {
      const items = child(spec, list);
      if (!isSeq(items)) continue;
      for (const container of items.items) {
        if (!isMap(container)) continue;
        const imageNode = child(container, 'image');
        const image = text(imageNode);
        const link = image !== undefined ? images.linkFor(image) : undefined;
        const dockerfile = link && images.dockerfile(link.dockerfile);
        if (!imageNode || !image || !link || !dockerfile) continue;
        const name = text(child(container, 'name')) ?? '(unnamed)';
        out.push({ object, spec, container, label: `${kind} "${name}"`, name, imageNode, image, link, dockerfile, images });
      }
    }
  }
  return out;
}

/** A security setting as the kubelet reads it: the container's `securityContext` value, else the pod's. */
export function effectiveSetting(c: ImageContainer, field: string): { value: unknown; node: Node } | undefined {
  for (const owner of [c.container, c.spec]) {
    const node = childAt(owner, ['securityContext', field]);
    if (isScalar(node) && node.value !== null && node.value !== undefined) return { value: node.value, node };
  }
  return undefined;
}

/** The related information every image finding carries: the container's image and where the link comes from. */
export function imageRelated(c: ImageContainer): Array<{ at: ProjectPlace; message: string }> {
  const out = [{ at: locate(c.object, c.imageNode), message: `${c.image} is built from ${c.images.describe(c.link)}` }];
  if (c.link.declaredAt) out.push({ at: c.link.declaredAt, message: `The ${c.link.how} that builds ${c.link.image} from ${c.images.display(c.link.dockerfile)}` });
  return out;
}

/** A place in the Dockerfile of a container's image. */
export function inDockerfile(c: ImageContainer, span: { start: number; end: number }): ProjectPlace {
  return { file: c.link.dockerfile, span };
}

/** The `runAsNonRoot: true` in effect for a container that sets no `runAsUser` (pod or container): the kubelet then checks the image's user. */
export function requiresNonRootImage(c: ImageContainer): Node | undefined {
  const nonRoot = effectiveSetting(c, 'runAsNonRoot');
  if (nonRoot?.value !== true || effectiveSetting(c, 'runAsUser') !== undefined) return undefined;
  return nonRoot.node;
}

/**
 * What a hover on a container's `image` value shows when the project builds that image (`Built from
 * services/orders-api/Dockerfile (skaffold.yaml artifact)`), for an offset in `file` (where the value was written:
 * the manifest, or the kustomization whose `images:` set it); undefined elsewhere.
 */
export function imageHoverAt(index: ProjectIndex, file: ProjectPath, offset: number): { text: string; span: Span; link: ImageLink } | undefined {
  for (const c of imageContainers(index)) {
    const origin = c.object.built.provenance.get(c.imageNode);
    if (origin && origin.file === file && offset >= origin.span.start && offset <= origin.span.end) {
      return { text: `Built from ${c.images.describe(c.link)}`, span: origin.span, link: c.link };
    }
  }
  return undefined;
}
