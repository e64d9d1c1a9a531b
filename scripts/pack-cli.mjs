// Packs the shipshape CLI as an npm package: `node scripts/pack-cli.mjs [--pack-destination <dir>]`
// (npm run pack:cli). The root package.json is the VS Code extension's, so the CLI gets its own
// manifest in a staging folder: one bundled file (dist/cli.js, production build: minified, no
// source maps, no test seams) whose `bin` runs on Node 20 with no dependencies at all, plus
// README, LICENSE, the JSON report schema and the rule pages SARIF help points to; and dist/kube-validators.js, the
// schema validators compiled at build time, which dist/cli.js loads when it finds it (else it compiles them); and
// dist/cli-worker.js and dist/cli-worker-core.js, what the scan's lint worker threads start from (a loader and the lint
// bundle it loads through a V8 code cache; without them they start from dist/cli.js).
// `npx ./shipshape-<version>.tgz scan .` then works offline (test/unit/cli/npm-package.test.ts).
// Prints the tarball's path.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = process.argv.indexOf('--pack-destination');
const destination = resolve(at >= 0 ? process.argv[at + 1] : ROOT);
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const stage = mkdtempSync(join(tmpdir(), 'shipshape-cli-pack-'));

/** The CLI's manifest: what npm needs to install and run it, nothing of the extension. */
export function cliManifest(pkg) {
  return {
    name: pkg.name,
    version: pkg.version,
    description: 'Kubernetes and Docker security linter (Pod Security Standards and more): the shipshape CLI, for terminals, CI and pre-commit.',
    license: pkg.license,
    keywords: pkg.keywords,
    bin: { shipshape: 'dist/cli.js' },
    files: ['dist/cli.js', 'dist/cli-worker.js', 'dist/cli-worker-core.js', 'dist/kube-validators.js', 'schemas/shipshape-report.schema.json', 'docs/rules/*.md'],
    engines: { node: pkg.engines.node },
  };
}

try {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--only', 'cli', '--production', '--outdir', join(stage, 'dist')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(join(stage, 'package.json'), JSON.stringify(cliManifest(root), null, 2) + '\n');
  for (const f of ['README.md', 'LICENSE', 'schemas/shipshape-report.schema.json']) {
    mkdirSync(join(stage, f, '..'), { recursive: true });
    cpSync(join(ROOT, f), join(stage, f));
  }
  cpSync(join(ROOT, 'docs', 'rules'), join(stage, 'docs', 'rules'), { recursive: true });
  mkdirSync(destination, { recursive: true });
  // --ignore-scripts: the manifest has none, and no user configuration gets to run any.
  const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: stage, encoding: 'utf8', shell: process.platform === 'win32' });
  if (pack.status !== 0) {
    process.stderr.write(pack.stderr);
    process.exit(pack.status ?? 1);
  }
  const [info] = JSON.parse(pack.stdout);
  process.stdout.write(join(destination, info.filename) + '\n');
} finally {
  rmSync(stage, { recursive: true, force: true });
}
