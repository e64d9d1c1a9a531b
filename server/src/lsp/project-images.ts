/**
 * The images the workspace builds, for the relation judgement in the editor
 * (project-relations.ts; docs/relations.md, "Will it start?"): the links the
 * compose files and skaffold configs declare and the workspace's Dockerfiles
 * (the background index lists them, project-index.ts), handed to the image
 * relation rules as the project's `images` (engine/project/images/built-images.ts).
 *
 * Only the Dockerfiles the index lists are read: one it leaves out (`.git`,
 * `node_modules`, `files.exclude`, `ignorePaths`) is no link.
 *
 * Kept cheap: a Dockerfile is read and parsed when a link first needs it and
 * kept (its view, not its text) until it changes: on disk (`changed`, from the
 * file watcher) or in the editor (the open document's version differs from the
 * one parsed). `refresh` tells whether anything the last `images` read changed.
 * The compose files' links are kept with their parsed objects by the caller.
 */
import { BuiltImages, dockerfileViewOf, skaffoldLinks } from '../engine/project/images/built-images';
import type { ImageLink, ProjectImages } from '../engine/project/images/types';
import type { IndexedObject } from '../engine/project/index';
import { relativePath } from '../engine/project/paths';
import type { ProjectPath } from '../engine/project/types';
import type { DockerfileView } from '../engine/views/dockerfile';

export interface WorkspaceImagesDeps {
  /** The workspace's Dockerfiles (the index's list). */
  dockerfiles(): ReadonlySet<ProjectPath>;
  /** The version of the open document at `path` (undefined: not open, its text is the disk's). */
  version(path: ProjectPath): number | undefined;
  /** A file's text: the open document's, else the disk's. */
  readText(path: ProjectPath): string | undefined;
  /** The workspace folder holding a path (paths in messages are relative to it). */
  folderOf(path: ProjectPath): ProjectPath | undefined;
}

interface ParsedDockerfile {
  version: number | undefined;
  view: DockerfileView | undefined;
}

export class WorkspaceImages {
  private readonly parsed = new Map<ProjectPath, ParsedDockerfile>();
  /** The Dockerfile list the last `images` used (a created or deleted Dockerfile changes the folder heuristic). */
  private listed = '';
  /** A Dockerfile the last `images` read changed on disk. */
  private dirty = false;

  constructor(private readonly deps: WorkspaceImagesDeps) {}

  /** A file changed on disk, was created, deleted or closed. */
  changed(path: ProjectPath): void {
    if (this.parsed.delete(path)) this.dirty = true;
  }

  /** Forget every parsed Dockerfile (the index was built again). */
  clear(): void {
    this.parsed.clear();
    this.dirty = true;
  }

  /** Whether what the last `images` read changed since (a Dockerfile's text, the list of Dockerfiles). */
  refresh(): boolean {
    let changed = this.dirty || this.listKey() !== this.listed;
    for (const [path, entry] of this.parsed) {
      if (entry.version === this.deps.version(path)) continue;
      this.parsed.delete(path);
      changed = true;
    }
    return changed;
  }

  /**
   * The project's images for one judgement: the compose links `declared`, the skaffold configs among `objects`,
   * the Dockerfiles of the workspace. A new object each time (what the rules derive from it is per judgement);
   * the Dockerfiles stay parsed.
   */
  images(declared: readonly ImageLink[], objects: readonly IndexedObject[]): ProjectImages {
    this.dirty = false;
    this.listed = this.listKey();
    let skaffold: ImageLink[] = [];
    try {
      skaffold = skaffoldLinks(objects);
    } catch {
      // the skaffold file's own lint reports what is wrong with it
    }
    return new BuiltImages({
      declared: [...declared, ...skaffold],
      dockerfiles: [...this.deps.dockerfiles()],
      readText: (path) => this.deps.readText(path),
      parseDockerfile: (path) => this.dockerfile(path),
      display: (path) => {
        const folder = this.deps.folderOf(path);
        return folder === undefined ? path : relativePath(folder, path);
      },
    });
  }

  /** A Dockerfile the index lists, parsed (one it leaves out, by `files.exclude` or `ignorePaths`, is no link). */
  private dockerfile(path: ProjectPath): DockerfileView | undefined {
    if (!this.deps.dockerfiles().has(path)) return undefined;
    const version = this.deps.version(path);
    let entry = this.parsed.get(path);
    if (!entry || entry.version !== version) this.parsed.set(path, (entry = { version, view: dockerfileViewOf(this.deps.readText(path)) }));
    return entry.view;
  }

  private listKey(): string {
    return [...this.deps.dockerfiles()].join('\n');
  }
}
