/**
 * What the project index knows of the images the project builds (built-images.ts implements it), in a module of
 * its own so that the index (index.ts) and the link finder do not refer to each other.
 */
import type { Span } from '../../types';
import type { DockerfileView } from '../../views/dockerfile';
import type { ProjectPath } from '../types';
import type { ImageName } from './image-match';

export type LinkSource = 'compose' | 'skaffold' | 'folder';

export interface ImageLink {
  /** The image name the source declares (the workload's for the folder heuristic). */
  image: string;
  name: ImageName;
  dockerfile: ProjectPath;
  source: LinkSource;
  /** The `image:` line that declares the link (compose service, skaffold artifact); none for the folder heuristic. */
  declaredAt?: { file: ProjectPath; span: Span };
  /** Why: `skaffold.yaml artifact`, `compose.yaml service "api"`, `folder name matches the image name`. */
  how: string;
}

export interface ProjectImages {
  /** Whether the project builds no image at all (no compose build, no skaffold artifact, no Dockerfile). */
  readonly empty: boolean;
  /** What the image relation rules share, computed once per project run (the first rule to ask computes it). */
  memo<T>(key: string, compute: () => T): T;
  /** The link of an image a workload runs, or undefined when the project does not build it (or it is ambiguous). */
  linkFor(image: string): ImageLink | undefined;
  /** The parsed Dockerfile (once per project run), or undefined when it cannot be read. */
  dockerfile(path: ProjectPath): DockerfileView | undefined;
  /** A path as messages show it: relative to the root when under it. */
  display(path: ProjectPath): string;
  /** `services/api/Dockerfile (skaffold.yaml artifact)`. */
  describe(link: ImageLink): string;
}
