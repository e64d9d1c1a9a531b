/**
 * What the CLI knows about its own package: name, version and home page
 * (inlined at build time from package.json), and where a rule's
 * documentation is published when the user says so (`--doc-url-base`).
 */
import pkg from '../../../package.json';

export const TOOL_NAME: string = pkg.name;
export const TOOL_VERSION: string = pkg.version;

interface PackageLinks {
  homepage?: unknown;
  repository?: { url?: unknown } | unknown;
  publisher?: unknown;
}

/**
 * The project's home page (SARIF `tool.driver.informationUri`): package.json
 * `homepage`, else `repository.url` (git+ prefix and .git suffix removed),
 * else the extension's Marketplace page, whose address is its publisher and
 * name.
 */
export function informationUri(p: PackageLinks & { name: string }): string {
  if (typeof p.homepage === 'string' && p.homepage !== '') return p.homepage;
  const repository = typeof p.repository === 'object' && p.repository !== null ? (p.repository as { url?: unknown }).url : undefined;
  if (typeof repository === 'string' && repository !== '') return repository.replace(/^git\+/, '').replace(/\.git$/, '');
  const publisher = typeof p.publisher === 'string' ? p.publisher : p.name;
  return `https://marketplace.visualstudio.com/items?itemName=${encodeURIComponent(publisher)}.${encodeURIComponent(p.name)}`;
}

export const INFORMATION_URI: string = informationUri(pkg as PackageLinks & { name: string });

/** Placeholder for the rule id in a `--doc-url-base` template. */
export const RULE_ID_PLACEHOLDER = '{ruleId}';

/**
 * A rule's documentation page under a published documentation base: the
 * base with `{ruleId}` replaced by the rule id, or else `<base>/<rule-id>.md`
 * (the layout of docs/rules/, e.g. the folder on a code host).
 */
export function ruleDocUrl(base: string, ruleId: string): string {
  const id = encodeURIComponent(ruleId);
  if (base.includes(RULE_ID_PLACEHOLDER)) return base.split(RULE_ID_PLACEHOLDER).join(id);
  return `${base}${base.endsWith('/') ? '' : '/'}${id}.md`;
}

/** Why `base` is not a documentation base URL (an absolute http or https URL), or undefined when it is one. */
export function docUrlBaseProblem(base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(ruleDocUrl(base, 'x'));
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'the URL must start with https:// or http://';
  if (/\s/.test(base)) return 'the URL contains white space';
  return undefined;
}
