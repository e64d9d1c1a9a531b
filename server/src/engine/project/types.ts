/**
 * The project layer's shared vocabulary (see ARCHITECTURE.md, "The project layer").
 *
 * A project is a set of files; its sources (plain YAML documents, kustomize
 * builds, later Helm charts) produce objects with provenance: for every node
 * of a built object, the file and range it was written at. Rules never care
 * where an object came from; adapters turn provenance into the line a finding
 * is reported on.
 *
 * Pure: the engine never reads files itself. Adapters implement ProjectHost
 * (the disk in the CLI; open buffers over the disk in the language server).
 */
import type { Node, YAMLMap } from 'yaml';
import type { Span } from '../types';

/** Project paths: POSIX, absolute ("/repo/overlays/prod/kustomization.yaml"); see paths.ts. */
export type ProjectPath = string;

/** How the engine reads other files of the project. Never throws. */
export interface ProjectHost {
  /** The file's text (decoded as kubectl decodes it), or undefined when it does not exist or cannot be read. */
  readFile(path: ProjectPath): string | undefined;
  /** The entries of a directory (names, not paths), or undefined when it is not a directory. */
  readDirectory(path: ProjectPath): readonly DirectoryEntry[] | undefined;
  /** A gzip file's decompressed bytes (a packaged Helm chart), or undefined; hosts without zlib leave it out. */
  gunzip?(path: ProjectPath): Uint8Array | undefined;
}

export interface DirectoryEntry {
  name: string;
  directory: boolean;
}

/** Where a node of a built object was written. */
export interface Origin {
  file: ProjectPath;
  /** The node's own range in that file (a scalar's value, a collection's whole range). */
  span: Span;
  /** When the node is a map value: its key's range in that file (a finding on the key is reported there). */
  keySpan?: Span;
  /**
   * Why this node has the value it has, when a kustomization set it rather than a resource file
   * ("namespace", "images", "namePrefix", "commonLabels", "patches", "configMapGenerator", ...).
   */
  via?: string;
  /** For a node a patch wrote: the kustomization file and list entry that applied the patch. */
  appliedBy?: { file: ProjectPath; span: Span };
  /** For a value a patch wrote over another value: where the replaced value was written. */
  overrides?: Origin;
  /** For a value a Helm chart's values set: the template line that rendered it (helm/provenance.ts). */
  renderedAt?: { file: ProjectPath; span: Span };
}

/**
 * Provenance of the nodes of built objects: node identity -> origin. Nodes copied from a
 * source keep their origin; nodes a transformer or patch creates get the origin of the
 * kustomization or patch line that created them.
 */
export class Provenance {
  private readonly origins = new WeakMap<Node, Origin>();

  get(node: Node): Origin | undefined {
    return this.origins.get(node);
  }

  set(node: Node, origin: Origin): void {
    this.origins.set(node, origin);
  }

  /** Deep-copies a node tree; every copy keeps the origin of the node it was copied from. */
  copy<N extends Node>(node: N): N {
    const out = node.clone() as N;
    this.copyOrigins(node, out);
    return out;
  }

  private copyOrigins(from: unknown, to: unknown): void {
    if (!from || !to || typeof from !== 'object' || typeof to !== 'object') return;
    const origin = this.origins.get(from as Node);
    if (origin) this.origins.set(to as Node, origin);
    const a = (from as { items?: unknown[] }).items;
    const b = (to as { items?: unknown[] }).items;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < a.length && i < b.length; i++) {
        const pa = a[i] as { key?: unknown; value?: unknown };
        const pb = b[i] as { key?: unknown; value?: unknown };
        if (pa && pb && typeof pa === 'object' && 'key' in pa) {
          this.copyOrigins(pa.key, pb.key);
          this.copyOrigins(pa.value, pb.value);
        } else this.copyOrigins(pa, pb);
      }
    }
  }
}

/** One object a source produced (a resource of a kustomize build, a plain document, ...). */
export interface BuiltObject {
  /** The object (a YAML map), its nodes copied from the sources, its origins in `provenance`. */
  node: YAMLMap;
  provenance: Provenance;
  /** The file and document the object started from (a base resource, a generator's kustomization). */
  source: { file: ProjectPath; span: Span };
  /** Names and namespaces the object had before a transformer renamed it (kustomize's previous ids; see kustomize/select.ts). */
  previous?: { names: readonly string[]; namespaces: readonly string[] };
}

/** A problem building a source: one finding at the offending line, as `kubectl kustomize` would fail there. */
export interface ProjectProblem {
  file: ProjectPath;
  span: Span;
  message: string;
  /** 'error': the build fails there (missing file, patch target not found, cycle, invalid patch); 'info': skipped (remote base, helmCharts). */
  severity: 'error' | 'info';
}

/** The result of building one kustomization directory. */
export interface KustomizeBuild {
  /** The kustomization file that was built. */
  file: ProjectPath;
  /** The built objects in the order `kubectl kustomize` prints them. */
  objects: BuiltObject[];
  problems: ProjectProblem[];
  /** Every file the build read (kustomization files, resources, patches, generator inputs). */
  inputs: ReadonlySet<ProjectPath>;
  /** Files read as patches (never linted as complete objects). */
  patches: ReadonlySet<ProjectPath>;
  /** Files read as resources (objects judged as part of this build). */
  resources: ReadonlySet<ProjectPath>;
  /** Kustomization files this build includes as resources or components (bases, components). */
  kustomizations: ReadonlySet<ProjectPath>;
}

