// What the .vsix carries, and the README as it ships there. scripts/package.mjs packages with these;
// test/unit/packaged-readme.test.ts checks them without building a package.
//
// The README is shown in VS Code's Extensions view from inside the installed extension, where a relative link
// only works if its target file ships (there is no public repository to rewrite links against). packagedReadme
// keeps such links, points `LICENSE` at the name vsce gives it, and turns every other relative link (examples/,
// source files, folders, .ci/run) into its plain text: the words stay, nothing dead to click.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Paths inside the vsix's `extension/` folder that may ship (the .vscodeignore allow-list). */
export const ALLOWED = [/^dist\/[^/]+\.js$/, /^dist\/web\/(?:extension|server)\.js$/, /^schemas\/[^/]+\.json$/, /^syntaxes\//, /^docs\//, /^resources\/[^/]+\.svg$/, /^readme\.md$/i, /^license(?:\.txt)?$/i, /^package\.json$/];

/** vsce ships a `LICENSE` without extension as `LICENSE.txt`. */
export const LICENSE_IN_VSIX = 'LICENSE.txt';

/** Whether the repository file `rel` (a path relative to the root, `/`-separated) ships in the vsix. */
export function shipsInVsix(root, rel) {
  const path = join(root, rel);
  return ALLOWED.some((re) => re.test(rel)) && existsSync(path) && statSync(path).isFile();
}

/** Inline markdown links `[text](target)` (not images) whose target is relative: no scheme, not an in-page `#anchor`. */
export function relativeLinks(markdown) {
  const out = [];
  for (const m of markdown.matchAll(/(?<!!)\[([^\]\n]*)\]\(([^)\s]+)\)/g)) {
    const target = m[2];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    out.push({ match: m[0], text: m[1], target, path: target.replace(/#.*$/, '').replace(/^\.\//, ''), index: m.index });
  }
  return out;
}

/** README.md as it goes into the vsix: relative links resolve to files in the package, or are plain text. */
export function packagedReadme(readme, ships) {
  let out = '';
  let last = 0;
  for (const link of relativeLinks(readme)) {
    out += readme.slice(last, link.index);
    last = link.index + link.match.length;
    if (link.path === 'LICENSE') out += `[${link.text}](${LICENSE_IN_VSIX})`;
    else if (ships(link.path)) out += link.match;
    else out += link.text;
  }
  return out + readme.slice(last);
}
