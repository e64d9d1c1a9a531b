/**
 * Images built in the project, linked to the Dockerfiles they are built from
 * (see docs/relations.md, "Images built in the project"):
 *
 * - compose files: a service with both `build:` (a context, or a map with
 *   `context` and `dockerfile`) and `image:` builds that image from
 *   `<context>/<dockerfile>` (context relative to the compose file,
 *   `Dockerfile` by default); remote contexts and `dockerfile_inline` are left out;
 * - skaffold configs (`apiVersion: skaffold/v2*`, `v3*`, `v4*`, `kind: Config`):
 *   each `build.artifacts[]` entry builds `image` from
 *   `<context>/<docker.dockerfile>` (or `kaniko.dockerfile`); artifacts of
 *   other builders (jib, buildpacks, bazel, ko, custom) and `profiles` are left out;
 * - the folder heuristic: when no compose file or skaffold config names the
 *   image, a Dockerfile of the project whose folder is named like the last
 *   segment of the image's repository (`ghcr.io/acme/orders-api` and
 *   `services/orders-api/Dockerfile`), when exactly one Dockerfile of the
 *   project is in such a folder, and the image is not a Docker Hub official
 *   image (`nginx`, `redis`: those are pulled, not built).
 *
 * Names are matched as image-match.ts says; when the best matches point at
 * different Dockerfiles, the image is not linked (no guess). A link whose
 * Dockerfile cannot be read is no link.
 *
 * Pure: texts come through `readText`; the Dockerfiles are parsed once, when a
 * rule first asks, and dropped with this object (owned by the project index).
 */
import { isMap, isSeq, type Node } from 'yaml';
import { parseDockerfile } from '../../parse/dockerfile';
import { DockerfileView } from '../../views/dockerfile';
import { child, plainObjects, ProjectIndex, text, type IndexedObject } from '../index';
import { basenameOf, dirnameOf, joinPath, relativePath } from '../paths';
import type { ProjectPath, Provenance } from '../types';
import { imageName, lastSegment, matchImage } from './image-match';
import type { ImageLink, LinkSource, ProjectImages } from './types';

const SKAFFOLD_API = /^skaffold\/v[234](?:$|[a-z0-9])/;
const OTHER_BUILDERS = ['jib', 'bazel', 'buildpacks', 'custom', 'ko'];

/** Whether a path written in a build file is a local relative or absolute path (not a URL, a git remote or a variable). */
const isLocalPath = (p: string): boolean => p !== '' && !p.includes(':') && !p.includes('$');

/** A link declared in `file` (context relative to its folder, `.` by default; dockerfile relative to the context, `Dockerfile` by default), or undefined when a value is missing, not local, or not an image name. */
function linkOf(file: ProjectPath, source: LinkSource, how: string, provenance: Provenance, imageNode: Node | undefined, context = '.', dockerfile = 'Dockerfile'): ImageLink | undefined {
  const image = text(imageNode);
  const name = image !== undefined ? imageName(image) : undefined;
  if (!image || !name || !isLocalPath(context) || !isLocalPath(dockerfile)) return undefined;
  const origin = imageNode && provenance.get(imageNode);
  return { image, name, dockerfile: joinPath(dirnameOf(file), context, dockerfile), source, ...(origin ? { declaredAt: { file: origin.file, span: origin.span } } : {}), how };
}

/** The links the skaffold configs among the index's objects declare. */
export function skaffoldLinks(objects: readonly IndexedObject[]): ImageLink[] {
  const out: ImageLink[] = [];
  for (const o of objects) {
    if (o.kind !== 'Config' || !SKAFFOLD_API.test(o.apiVersion)) continue;
    const file = o.built.source.file;
    const artifacts = child(child(o.node, 'build'), 'artifacts');
    if (!isSeq(artifacts)) continue;
    for (const a of artifacts.items) {
      if (!isMap(a) || OTHER_BUILDERS.some((b) => child(a, b) !== undefined)) continue;
      const builder = child(a, 'docker') ?? child(a, 'kaniko');
      const link = linkOf(file, 'skaffold', `${basenameOf(file)} artifact`, o.built.provenance, child(a, 'image'), text(child(a, 'context')), text(child(builder, 'dockerfile')));
      if (link) out.push(link);
    }
  }
  return out;
}

/** Whether a YAML text may be a compose file (a top-level `services:` key), before parsing it. */
export function mayBeCompose(source: string): boolean {
  return /^services[ \t]*:/m.test(source);
}

/** The links a compose file's services declare (documents that are not Kubernetes objects and have a `services` map). */
export function composeLinks(file: ProjectPath, source: string): ImageLink[] {
  const out: ImageLink[] = [];
  for (const doc of plainObjects(file, source)) {
    if (text(child(doc.node, 'apiVersion')) !== undefined && text(child(doc.node, 'kind')) !== undefined) continue;
    const services = child(doc.node, 'services');
    if (!isMap(services)) continue;
    for (const pair of services.items) {
      const service = pair.value as Node | null;
      const build = child(service, 'build');
      if (!build || child(build, 'dockerfile_inline') !== undefined) continue;
      const context = isMap(build) ? text(child(build, 'context')) : text(build);
      const dockerfile = isMap(build) ? text(child(build, 'dockerfile')) : undefined;
      const link = linkOf(file, 'compose', `${basenameOf(file)} service "${text(pair.key) ?? ''}"`, doc.provenance, child(service, 'image'), context, dockerfile);
      if (link) out.push(link);
    }
  }
  return out;
}

/** The links a YAML file that is not in the project index declares: a compose file's services, a skaffold config's artifacts. */
export function fileLinks(file: ProjectPath, source: string): ImageLink[] {
  if (mayBeCompose(source)) return composeLinks(file, source);
  if (!/^apiVersion:[ \t]*['"]?skaffold\//m.test(source)) return [];
  return skaffoldLinks(ProjectIndex.build({ plain: [{ file, text: source }], builds: [] }).objects);
}

/** A Dockerfile's text parsed (undefined: no text, or it cannot be parsed: the Dockerfile's own lint reports it). */
export function dockerfileViewOf(source: string | undefined): DockerfileView | undefined {
  if (source === undefined) return undefined;
  try {
    return new DockerfileView(parseDockerfile(source));
  } catch {
    return undefined;
  }
}

export interface BuiltImagesInput {
  /** Links declared by compose files and skaffold configs. */
  declared: readonly ImageLink[];
  /** The project's Dockerfiles (candidates of the folder heuristic). */
  dockerfiles: readonly ProjectPath[];
  readText(path: ProjectPath): string | undefined;
  /** Paths in messages are relative to this folder. */
  root?: ProjectPath;
  /**
   * The parsed Dockerfile at `path` (undefined: it cannot be read), instead of parsing `readText`'s text: for a
   * caller that keeps Dockerfiles parsed across project runs while they do not change (the language server).
   */
  parseDockerfile?(path: ProjectPath): DockerfileView | undefined;
  /** A path as messages show it, instead of relative to `root` (e.g. relative to its workspace folder). */
  display?(path: ProjectPath): string;
}

/** The images the project builds, and their Dockerfiles (see the module comment). */
export class BuiltImages implements ProjectImages {
  private readonly links = new Map<string, ImageLink | null>();
  private readonly views = new Map<ProjectPath, DockerfileView | null>();
  private readonly byFolder = new Map<string, ProjectPath[]>();
  private readonly memos = new Map<string, unknown>();

  constructor(private readonly input: BuiltImagesInput) {
    for (const d of input.dockerfiles) {
      const folder = basenameOf(dirnameOf(d));
      const list = this.byFolder.get(folder) ?? [];
      list.push(d);
      this.byFolder.set(folder, list);
    }
  }

  /** Whether the project builds no image at all (no compose build, no skaffold artifact, no Dockerfile). */
  get empty(): boolean {
    return this.input.declared.length === 0 && this.input.dockerfiles.length === 0;
  }

  /** What the image relation rules share, computed once per project run (the first rule to ask computes it). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** The link of an image a workload runs, or undefined when the project does not build it (or it is ambiguous). */
  linkFor(image: string): ImageLink | undefined {
    let link = this.links.get(image);
    if (link === undefined) this.links.set(image, (link = this.find(image) ?? null));
    return link ?? undefined;
  }

  /** The parsed Dockerfile (once per project run), or undefined when it cannot be read. */
  dockerfile(path: ProjectPath): DockerfileView | undefined {
    let view = this.views.get(path);
    if (view === undefined && this.input.parseDockerfile) this.views.set(path, (view = this.input.parseDockerfile(path) ?? null));
    if (view === undefined) {
      view = dockerfileViewOf(this.input.readText(path)) ?? null;
      this.views.set(path, view);
    }
    return view ?? undefined;
  }

  /** A path as messages show it: relative to the root when under it. */
  display(path: ProjectPath): string {
    if (this.input.display) return this.input.display(path);
    const root = this.input.root;
    if (root === undefined) return path;
    const rel = relativePath(root, path);
    return rel.startsWith('../') ? path : rel;
  }

  /** `services/api/Dockerfile (skaffold.yaml artifact)`. */
  describe(link: ImageLink): string {
    return `${this.display(link.dockerfile)} (${link.how})`;
  }

  private find(image: string): ImageLink | undefined {
    const used = imageName(image);
    if (!used) return undefined;
    for (const level of ['exact', 'lenient'] as const) {
      const matching = this.input.declared.filter((l) => matchImage(l.name, used) === level && this.dockerfile(l.dockerfile) !== undefined);
      const files = new Set(matching.map((l) => l.dockerfile));
      if (files.size === 1) return matching[0];
      if (files.size > 1) return undefined;
    }
    if (used.registry === undefined && !used.path.includes('/')) return undefined;
    const candidates = this.byFolder.get(lastSegment(used)) ?? [];
    if (candidates.length !== 1 || this.dockerfile(candidates[0]!) === undefined) return undefined;
    return { image, name: used, dockerfile: candidates[0]!, source: 'folder', how: 'folder name matches the image name' };
  }
}
