// Bundles the client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateValidators } from './gen-validators.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILTINS = new Set(builtinModules);

/**
 * The package boundaries, checked while bundling as tsc checks them (see tsconfig.json): the client
 * imports nothing from server/ (so dist/extension.js never holds the engine), the engine no Node
 * module. The `paths` of each project's tsconfig already send vscode / LSP imports to a file that fails.
 */
const boundaries = {
  name: 'boundaries',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (!args.importer) return undefined;
      const from = relative(ROOT, args.importer).split(sep).join('/');
      if (from.startsWith('server/src/engine/') && (args.path.startsWith('node:') || BUILTINS.has(args.path))) {
        return { errors: [{ text: `the engine is pure: ${from} must not import the Node module "${args.path}"` }] };
      }
      if (from.startsWith('client/src/') && args.path.startsWith('.')) {
        const to = relative(ROOT, resolve(dirname(args.importer), args.path)).split(sep).join('/');
        if (to.startsWith('server/')) return { errors: [{ text: `the client talks to the language server; ${from} must not import ${to}` }] };
      }
      return undefined;
    });
  },
};

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// --outdir <dir>: where the bundles go (default dist; test/unit/engine/test-seams.test.ts builds into a temporary folder).
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt >= 0 ? process.argv[outdirAt + 1] : 'dist';

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [boundaries],
  // yaml's ES module build (the same code as its CommonJS build, which the "node" export condition picks):
  // bundled as ESM, its functions are called directly; through the CommonJS interop every `isMap(...)` and
  // every call between yaml's own modules goes through a getter, which costs about 15% of a lint (bench/run.mjs).
  // Test seams (server/src/engine/test-seams.d.ts): the production bundles, which the .vsix ships, leave them out.
  define: { SHIPSHAPE_TEST_SEAMS: production ? 'false' : 'true' },
  alias: { yaml: fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url)) },
};

// --only <name>[,<name>]: build just these entries. `action` (the GitHub Action's bundle) is built only when asked
// (`npm run build:action`): it is committed, since actions run from the repository at a ref, and
// test/unit/cli/action-bundle.test.ts fails when the committed file differs from a fresh build.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1].split(',') : ['extension', 'server', 'cli', 'validators', 'web-extension', 'web-server'];
// The Node server and the CLI load the ahead-of-time compiled Kubernetes schema validators from the file next to
// them (server/src/io/precompiled-validators.ts): a separate file, so server.js and cli.js stay their size and the
// module is read only when a document is first checked against a schema. Without it they compile at run time.
if ((only.includes('cli') || only.includes('server')) && !only.includes('validators')) only.push('validators');
if (only.includes('server') && !only.includes('server-core')) only.push('server-core');
// The scan's lint workers start from a bundle of their own, next to dist/cli.js: the engine without the CLI (see
// server/src/cli/pool/worker-main.ts), so a worker loads and compiles less. Without it the CLI bundle starts as one.
// dist/cli-worker.js is a small loader (worker-start.ts) that loads that bundle, dist/cli-worker-core.js, through a V8 code cache.
if (only.includes('cli') && !only.includes('cli-worker')) only.push('cli-worker');
if (only.includes('cli-worker') && !only.includes('cli-worker-core')) only.push('cli-worker-core');
/** The committed action bundle: minified, no source map, no test seams, so it is small and the same on every machine. */
const release = { sourcemap: false, minify: true, define: { SHIPSHAPE_TEST_SEAMS: 'false' } };

/**
 * The web bundles run in a browser: no Node module may reach them (the `browserOnly` plugin fails the build), except
 * the few that node-free stand-ins replace (server/src/web/node/). Those are pure path and URL string functions, and
 * the file system, zlib and V8 modules that the Node host uses (lsp/node-host.ts) and the web host never calls: their
 * stand-ins throw, so a code path that reached them would show in the log, never read a file.
 */
const WEB_STAND_INS = {
  'node:path': 'server/src/web/node/path.ts',
  'node:url': 'server/src/web/node/url.ts',
  'node:fs': 'server/src/web/node/unavailable.ts',
  'node:fs/promises': 'server/src/web/node/unavailable.ts',
  'node:v8': 'server/src/web/node/unavailable.ts',
  'node:vm': 'server/src/web/node/unavailable.ts',
  'node:zlib': 'server/src/web/node/unavailable.ts',
};
const browserOnly = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const standIn = WEB_STAND_INS[args.path];
      if (standIn) return { path: resolve(ROOT, standIn) };
      if (args.path.startsWith('node:') || BUILTINS.has(args.path)) {
        const from = relative(ROOT, args.importer).split(sep).join('/');
        return { errors: [{ text: `the web bundles run in a browser: ${from} must not import the Node module "${args.path}"` }] };
      }
      return undefined;
    });
  },
};
const web = { platform: 'browser', target: 'es2022', plugins: [boundaries, browserOnly], mainFields: ['browser', 'module', 'main'] };

const entries = [
  { name: 'extension', entryPoints: ['client/src/extension.ts'], outfile: `${outdir}/extension.js`, external: ['vscode'] },
  // dist/server.js is a small loader (node-start.ts) that loads the server, dist/server-core.js, through a V8 code cache.
  { name: 'server', entryPoints: ['server/src/lsp/node-start.ts'], outfile: `${outdir}/server.js` },
  { name: 'server-core', entryPoints: ['server/src/lsp/node.ts'], outfile: `${outdir}/server-core.js` },
  { name: 'cli', entryPoints: ['server/src/cli/main.ts'], outfile: `${outdir}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
  { name: 'cli-worker', entryPoints: ['server/src/cli/pool/worker-start.ts'], outfile: `${outdir}/cli-worker.js` },
  { name: 'cli-worker-core', entryPoints: ['server/src/cli/pool/worker-main.ts'], outfile: `${outdir}/cli-worker-core.js` },
  { name: 'validators', entryPoints: [generateValidators()], outfile: `${outdir}/kube-validators.js`, minify: true, sourcemap: false },
  // vscode.dev and github.dev (package.json `browser`): the extension in the browser's extension host, the server in a web worker.
  { name: 'web-extension', entryPoints: ['client/src/web/extension.ts'], outfile: `${outdir}/web/extension.js`, external: ['vscode'], ...web },
  { name: 'web-server', entryPoints: ['server/src/web/server.ts'], outfile: `${outdir}/web/server.js`, ...web, format: 'iife', inject: ['server/src/web/globals.ts'] },
  { name: 'action', entryPoints: ['server/src/action/main.ts'], outfile: outdirAt >= 0 ? `${outdir}/action.js` : 'action/dist/index.js', banner: { js: '#!/usr/bin/env node' }, ...release },
]
  .filter((e) => only.includes(e.name))
  .map(({ name, ...e }) => e);
if (entries.length === 0) throw new Error(`--only: no such bundle (extension, server, server-core, cli, cli-worker, cli-worker-core, web-extension, web-server, action)`);

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
  console.log('watching for changes...');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  for (const e of entries) if (e.banner) chmodSync(e.outfile, 0o755);
}
