/**
 * Container image references, parsed the way Docker and containerd parse them
 * (github.com/distribution/reference: `ParseNormalizedNamed`):
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component [ "/" path-component ]*
 *
 * - The first `/`-separated element is the registry host when it contains a
 *   `.` or a `:` (a port, an IPv6 address), is `localhost`, or has an
 *   upper-case letter; otherwise the image is on Docker Hub (`docker.io`).
 * - A name with a single element on Docker Hub is an official image:
 *   `nginx` is `docker.io/library/nginx`; `index.docker.io` is `docker.io`.
 * - A single element is never a host: `localhost:5000` is the image
 *   `docker.io/library/localhost` with the tag `5000`, as in Docker.
 * - Repository paths are lower case; tags are `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`;
 *   digests are `sha256:` + 64, `sha384:` + 96 or `sha512:` + 128 lower-case
 *   hex digits (go-digest's registered algorithms). A tag and a digest may be
 *   given together; the digest then decides what is pulled.
 *
 * Anything else (templates such as `${IMAGE}` or `{{ .Values.image }}`,
 * upper-case repositories, malformed digests, a bare 64-hex image id) is not
 * a reference: `parseImageRef` returns undefined and image rules stay quiet,
 * because such values are usually placeholders that a tool substitutes later.
 *
 * The parser is a hand-written scanner plus small regular expressions without
 * nested quantifiers over a bounded input, so it runs in linear time.
 */

export interface ImageRef {
  /** Registry host as Docker resolves it, port included: `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  registry: string;
  /** Repository path on the registry: `library/nginx`, `kube-proxy`, `my-org/app`. */
  repository: string;
  /** `registry/repository`: the fully qualified repository, e.g. `docker.io/library/nginx`. */
  name: string;
  /** The tag as written, when there is one. */
  tag?: string;
  /** `algorithm:hex` when the reference is pinned by digest. */
  digest?: string;
}

/**
 * The reference pulls the mutable latest tag: no digest, and no tag or the
 * tag `latest` (image-latest-tag reports it; image-not-pinned leaves it to that rule).
 */
export function pullsLatest(ref: ImageRef): boolean {
  return ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest');
}

export const DOCKER_HUB = 'docker.io';
const LEGACY_DOCKER_HUB = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

/** Longest reference considered at all (a valid one is far shorter). */
const MAX_REFERENCE_LENGTH = 1024;
/** distribution/reference RepositoryNameTotalLengthMax (applies to the path). */
const MAX_PATH_LENGTH = 255;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const IPV6 = /^\[[A-Fa-f0-9:]+\]$/;
const PORT = /^[0-9]+$/;
const TAG = /^\w[\w.-]{0,127}$/;
const IMAGE_ID = /^[a-f0-9]{64}$/;
const DIGEST_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const HEX = /^[a-f0-9]+$/;

function validDigest(digest: string): boolean {
  const colon = digest.indexOf(':');
  if (colon <= 0) return false;
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const length = Object.prototype.hasOwnProperty.call(DIGEST_LENGTH, algorithm) ? DIGEST_LENGTH[algorithm] : undefined;
  return length !== undefined && encoded.length === length && HEX.test(encoded);
}

/** `host[:port]` where host is a DNS-like name, an IPv4 address or a bracketed IPv6 address. */
function validDomain(domain: string): boolean {
  let host = domain;
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']');
    if (close < 0) return false;
    host = domain.slice(0, close + 1);
    const rest = domain.slice(close + 1);
    if (!IPV6.test(host)) return false;
    return rest === '' || (rest.startsWith(':') && PORT.test(rest.slice(1)));
  }
  const colon = domain.indexOf(':');
  if (colon >= 0) {
    host = domain.slice(0, colon);
    if (!PORT.test(domain.slice(colon + 1))) return false;
  }
  return host.length > 0 && host.split('.').every((label) => DOMAIN_LABEL.test(label));
}

/** Docker's rule for "is the first element of the name a registry host?". */
export function looksLikeRegistryHost(element: string): boolean {
  return element === 'localhost' || element.includes('.') || element.includes(':') || element.toLowerCase() !== element;
}

/** Recently parsed references: several rules parse the same image of a document. */
const cache = new Map<string, Readonly<ImageRef> | null>();
const CACHE_SIZE = 512;

/**
 * Parse an image reference as Docker does, with the implicit `docker.io` and
 * `library/` filled in. Returns undefined for anything that is not a valid
 * reference (see the module comment). The result is frozen and may be shared.
 */
export function parseImageRef(value: string): Readonly<ImageRef> | undefined {
  const hit = cache.get(value);
  if (hit !== undefined) return hit ?? undefined;
  const ref = parse(value);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(value, ref ? Object.freeze(ref) : null);
  return ref;
}

function parse(value: string): ImageRef | undefined {
  if (value.length === 0 || value.length > MAX_REFERENCE_LENGTH || IMAGE_ID.test(value)) return undefined;

  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!validDigest(digest)) return undefined;
  }

  // A tag follows the last ':' that comes after the last '/' (an earlier ':' is a port).
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  if (rest.length === 0) return undefined;

  let registry: string;
  let repository: string;
  const slash = rest.indexOf('/');
  if (slash < 0) {
    registry = DOCKER_HUB;
    repository = OFFICIAL_PREFIX + rest;
  } else {
    const first = rest.slice(0, slash);
    if (looksLikeRegistryHost(first)) {
      registry = first === LEGACY_DOCKER_HUB ? DOCKER_HUB : first;
      repository = rest.slice(slash + 1);
      if (!validDomain(registry)) return undefined;
    } else {
      registry = DOCKER_HUB;
      repository = rest;
    }
    if (registry === DOCKER_HUB && !repository.includes('/')) repository = OFFICIAL_PREFIX + repository;
  }

  if (repository.length > MAX_PATH_LENGTH || !repository.split('/').every((c) => PATH_COMPONENT.test(c))) return undefined;

  const ref: ImageRef = { registry, repository, name: `${registry}/${repository}` };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}
