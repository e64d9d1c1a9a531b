// ProjectHosts for kustomize tests: over a directory on disk, and over an in-memory file map.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { DirectoryEntry, ProjectHost } from '../../server/src/engine/project/types';

export function diskHost(): ProjectHost {
  return {
    readFile(path) {
      try {
        return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    readDirectory(path) {
      try {
        return readdirSync(path, { withFileTypes: true }).map((e): DirectoryEntry => ({ name: e.name, directory: e.isDirectory() }));
      } catch {
        return undefined;
      }
    },
  };
}

/** Files by absolute POSIX path; directories are implied by the paths. */
export function memoryHost(files: Record<string, string>): ProjectHost {
  return {
    readFile: (path) => files[path],
    readDirectory(path) {
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const entries = new Map<string, boolean>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf('/');
        entries.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
      }
      return entries.size === 0 ? undefined : [...entries].map(([name, directory]) => ({ name, directory }));
    },
  };
}
