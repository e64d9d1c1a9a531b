// Packages the extension as shipshape-<version>.vsix with @vscode/vsce, then checks that
// the package carries only what runs and prints its size and file count.
// Run through `npm run package`, which makes the production build first.
//
// --no-dependencies: dist/ bundles every runtime dependency, so node_modules stays out.
// --no-rewrite-relative-links: there is no public repository to rewrite links against.
// --readme-path: the README as the Extensions view shows it (scripts/vsix-files.mjs): links to
//   files that ship (docs/, schemas/) stay, the others (examples/, sources, .ci/run) become text.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLOWED, packagedReadme, relativeLinks, shipsInVsix } from './vsix-files.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;

/** Files vsce adds around the extension. */
const VSIX_METADATA = new Set(['[Content_Types].xml', 'extension.vsixmanifest']);
/** What must be there for the extension to run. */
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/server-core.js', 'extension/dist/kube-validators.js', 'extension/dist/web/extension.js', 'extension/dist/web/server.js', 'extension/readme.md', 'extension/license.txt'];

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** Entry names from a zip's central directory (no dependency on `unzip`). */
export function zipEntries(buf) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size: buf.readUInt32LE(p + 24) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const vsce = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
if (!existsSync(vsce)) fail('@vscode/vsce is not installed; run `npm ci` first');
for (const f of ['dist/extension.js', 'dist/server.js', 'dist/server-core.js', 'dist/kube-validators.js', 'dist/web/extension.js', 'dist/web/server.js']) {
  if (!existsSync(join(ROOT, f))) fail(`${f} is missing; run the production build first (npm run package does)`);
}

const readmePath = join(ROOT, 'dist', 'README.vsix.md');
mkdirSync(dirname(readmePath), { recursive: true });
writeFileSync(readmePath, packagedReadme(readFileSync(join(ROOT, 'README.md'), 'utf8'), (rel) => shipsInVsix(ROOT, rel)));
const r = spawnSync(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--readme-path', relative(ROOT, readmePath), '--out', out], { cwd: ROOT, stdio: 'inherit' });
console.log(); // vsce ends its last line without a newline
if (r.status !== 0) fail(`vsce exited with ${r.status ?? r.signal}`);

const entries = zipEntries(readFileSync(join(ROOT, out)));
const unexpected = entries.filter(({ name }) => {
  if (VSIX_METADATA.has(name)) return false;
  if (!name.startsWith('extension/')) return true;
  const rel = name.slice('extension/'.length);
  return !ALLOWED.some((re) => re.test(rel));
});
if (unexpected.length) fail(`unexpected files in ${out}:\n  ${unexpected.map((e) => e.name).join('\n  ')}\nfix .vscodeignore`);
const missing = REQUIRED.filter((n) => !entries.some((e) => e.name.toLowerCase() === n));
if (missing.length) fail(`missing from ${out}: ${missing.join(', ')}`);
if (!entries.some((e) => /^extension\/docs\/rules\/[^/]+\.md$/.test(e.name))) fail(`no rule documentation (docs/rules/*.md) in ${out}`);
const inVsix = new Set(entries.map((e) => e.name.toLowerCase()));
const dead = relativeLinks(readFileSync(readmePath, 'utf8')).filter((l) => !inVsix.has(`extension/${l.path}`.toLowerCase()));
if (dead.length) fail(`the packaged README links to files not in ${out}: ${dead.map((l) => l.target).join(', ')}`);

const byFolder = new Map();
for (const { name, size } of entries) {
  const rel = name.replace(/^extension\//, '');
  const folder = rel.includes('/') ? rel.slice(0, rel.indexOf('/') + 1) : rel;
  const cur = byFolder.get(folder) ?? { files: 0, bytes: 0 };
  byFolder.set(folder, { files: cur.files + 1, bytes: cur.bytes + size });
}
const bytes = statSync(join(ROOT, out)).size;
console.log(`${out}: ${(bytes / 1024).toFixed(1)} KB (${bytes} bytes), ${entries.length} files`);
for (const [folder, { files, bytes: b }] of [...byFolder].sort()) {
  console.log(`  ${folder.padEnd(24)} ${String(files).padStart(4)} file${files === 1 ? ' ' : 's'}  ${(b / 1024).toFixed(1).padStart(8)} KB uncompressed`);
}
