/**
 * What the CLI knows about its own package: name and version (inlined at
 * build time from package.json) and where the shipped files (docs/) live.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pkg from '../../../package.json';
import { ruleDocPath } from '../engine';

export const TOOL_NAME: string = pkg.name;
export const TOOL_VERSION: string = pkg.version;

/**
 * The project's home page, derived from package.json `repository.url` (git+
 * prefix and .git suffix removed); undefined while the package has none.
 */
const repositoryUrl = (pkg as { repository?: { url?: unknown } }).repository?.url;
export const INFORMATION_URI: string | undefined =
  typeof repositoryUrl === 'string' ? repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '') : undefined;

let cachedRoot: string | null | undefined;

/**
 * The installed package's root: the nearest folder above this file whose
 * package.json is ours. For the bundle (dist/cli.js) that is dist/.., for
 * the sources run through tsx it is the repository root.
 */
export function packageRoot(): string | undefined {
  if (cachedRoot !== undefined) return cachedRoot ?? undefined;
  cachedRoot = null;
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    try {
      if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === TOOL_NAME) {
        cachedRoot = dir;
        break;
      }
    } catch {
      // an unreadable or invalid package.json is not ours; keep looking
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return cachedRoot ?? undefined;
}

/** `file:` URI of a rule's documentation page shipped with the package, or undefined when the page is not there. */
export function ruleDocUri(id: string): string | undefined {
  const root = packageRoot();
  if (!root) return undefined;
  const file = join(root, ruleDocPath(id));
  return existsSync(file) ? pathToFileURL(file).href : undefined;
}
