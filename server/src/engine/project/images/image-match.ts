/**
 * Whether an image a workload runs is an image the project builds, by name
 * (see docs/relations.md, "Images built in the project"):
 *
 * - Tags and digests are ignored: `ghcr.io/acme/api:1.2` and
 *   `ghcr.io/acme/api@sha256:...` are both the repository `ghcr.io/acme/api`.
 * - Docker Hub names are normalised as Docker does (`nginx` is
 *   `docker.io/library/nginx`, `index.docker.io` is `docker.io`).
 * - Registries are compared leniently: when both names write a registry, the
 *   registries and the paths must be equal (an `exact` match); when one of
 *   them writes none (a name such as `orders-api`, as skaffold artifacts and
 *   compose files often say, the registry being set at build time with
 *   `--default-repo` or a tag), it matches a name with a registry whose path
 *   ends with its path (a `lenient` match: `orders-api` and
 *   `ghcr.io/acme/orders-api`). Two names without a registry must be equal.
 *
 * Pure; values that are not image references (templates, `${IMAGE}`) match nothing.
 */
import { DOCKER_HUB, looksLikeRegistryHost, parseImageRef } from '../../views/image-ref';

export interface ImageName {
  /** The registry when the name writes one (`docker.io` for Docker Hub spellings); undefined when it does not. */
  registry: string | undefined;
  /** The repository path, `library/` dropped for Docker Hub official images: `acme/orders-api`, `nginx`. */
  path: string;
}

export type ImageMatch = 'exact' | 'lenient' | undefined;

/** The repository name of an image reference, or undefined when the value is not one. */
export function imageName(value: string): ImageName | undefined {
  const ref = parseImageRef(value.trim());
  if (!ref) return undefined;
  const slash = value.indexOf('/');
  const written = slash > 0 && looksLikeRegistryHost(value.slice(0, slash));
  const path = ref.registry === DOCKER_HUB && ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository;
  return { registry: written ? ref.registry : undefined, path };
}

/** The last path segment of a repository (`orders-api` for `ghcr.io/acme/orders-api`). */
export function lastSegment(name: ImageName): string {
  return name.path.slice(name.path.lastIndexOf('/') + 1);
}

/** How a built image's name matches the name a workload runs (see the module comment). */
export function matchImage(built: ImageName, used: ImageName): ImageMatch {
  if (built.registry !== undefined && used.registry !== undefined) {
    return built.registry === used.registry && built.path === used.path ? 'exact' : undefined;
  }
  if (built.registry === undefined && used.registry === undefined) return built.path === used.path ? 'exact' : undefined;
  if (built.path === used.path) return 'lenient';
  const [bare, full] = built.registry === undefined ? [built, used] : [used, built];
  return `/${full.path}`.endsWith(`/${bare.path}`) ? 'lenient' : undefined;
}
