// The README shown in VS Code's Extensions view is the one in the .vsix (scripts/package.mjs writes it with
// scripts/vsix-files.mjs): each relative link must lead to a file that ships there (issue 20: six links were dead:
// examples/README.md, docs/rules/, two source paths, .ci/run, LICENSE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

type Link = { text: string; target: string; path: string };
type VsixFiles = {
  ALLOWED: RegExp[];
  LICENSE_IN_VSIX: string;
  shipsInVsix(root: string, rel: string): boolean;
  relativeLinks(markdown: string): Link[];
  packagedReadme(readme: string, ships: (rel: string) => boolean): string;
};
const load = async (): Promise<VsixFiles> => (await import(join(ROOT, 'scripts', 'vsix-files.mjs'))) as VsixFiles;

test('every relative link of the packaged README names a file that ships in the vsix', async () => {
  const v = await load();
  const packaged = v.packagedReadme(README, (rel) => v.shipsInVsix(ROOT, rel));
  const links = v.relativeLinks(packaged);
  assert.ok(links.length > 70, `links kept: ${links.length} (the rule pages, docs/*.md, schemas)`);
  for (const link of links) {
    const ships = link.path === v.LICENSE_IN_VSIX || v.shipsInVsix(ROOT, link.path);
    assert.ok(ships, `${link.target}: not in the vsix`);
  }
  // The six links of the issue: no longer links, their words kept.
  for (const dead of ['examples/README.md', 'docs/rules/', 'server/src/engine/index.ts', 'server/src/engine/rules/', '.ci/run']) {
    assert.ok(v.relativeLinks(README).some((l) => l.target === dead), `README.md links to ${dead} (the case under test)`);
    assert.ok(!links.some((l) => l.target === dead), `${dead} is still a link`);
  }
  assert.match(packaged, /`examples\/` holds an insecure and a hardened manifest/);
  assert.match(packaged, /Start reading at `server\/src\/engine\/index\.ts` and/);
  assert.match(packaged, /\[MIT\]\(LICENSE\.txt\)/);
  assert.match(packaged, /\[`docs\/configuration\.md`\]\(docs\/configuration\.md\)|\]\(docs\/configuration\.md(#[^)]*)?\)/);
});

test('packagedReadme keeps shipped links and anchors, renames LICENSE, unlinks the rest', async () => {
  const v = await load();
  const md = [
    'See [the rule](docs/rules/a.md#why), [top](#install), [site](https://example.com/x), ![icon](resources/i.svg),',
    '[`examples/`](examples/README.md), [dir](docs/rules/) and [MIT](LICENSE).',
  ].join('\n');
  const out = v.packagedReadme(md, (rel) => rel === 'docs/rules/a.md');
  assert.equal(
    out,
    ['See [the rule](docs/rules/a.md#why), [top](#install), [site](https://example.com/x), ![icon](resources/i.svg),', '`examples/`, dir and [MIT](LICENSE.txt).'].join('\n'),
  );
});

test('the vsix allow-list ships the docs and schemas the README links to, not schemas/kubernetes/', async () => {
  const v = await load();
  assert.ok(v.shipsInVsix(ROOT, 'docs/configuration.md'));
  assert.ok(v.shipsInVsix(ROOT, 'schemas/shipshape-config.schema.json'));
  assert.ok(!v.shipsInVsix(ROOT, 'examples/README.md'));
  // The engine bundles the Kubernetes API schemas into dist/*.js; the JSON file is not read at run time.
  assert.ok(!v.shipsInVsix(ROOT, 'schemas/kubernetes/bundle.json'));
  assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/\*\.json$/m);
});
