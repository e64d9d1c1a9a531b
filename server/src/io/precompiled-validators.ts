/**
 * The Kubernetes schema validators compiled at build time (scripts/gen-validators.mjs, bundled to
 * dist/kube-validators.js next to dist/server.js and dist/cli.js), for the Node hosts. Read on the first schema
 * check; when the file is missing (tests running the sources, a bundle copied alone) the engine compiles at run time.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { usePrecompiledValidators, type PrecompiledValidators } from '../engine/schema/validate';

const PRECOMPILED_VALIDATORS_FILE = 'kube-validators.js';

/**
 * Makes the engine use `<dir>/kube-validators.js` (default: the bundle's own folder), loaded by `load` (default
 * require; the language server passes its code cache's).
 */
export function usePrecompiledValidatorsFrom(dir: string = __dirname, load: (file: string) => unknown = (file) => createRequire(file)(file)): void {
  const file = path.join(dir, PRECOMPILED_VALIDATORS_FILE);
  usePrecompiledValidators(() => {
    try {
      return load(file) as PrecompiledValidators;
    } catch {
      return undefined;
    }
  });
}
