// Project mode of the LSP benchmark (issue 18): the workspace project index and kustomize re-lints.
//
//   node bench/run.mjs --project [--project-files 5000] [--project-edit-files 200]   (needs `npm run build`)
//
// A workspace of generated kustomize apps (a base with a Deployment and a Service, dev /
// staging / prod overlays, prod patching privileged: true, staging patching replicas) and
// plain multi-document manifests is written to a temporary folder. Measured:
//   - indexing: initialize -> the index's $/progress end, and the server's peak RSS after it,
//     on the `--project-files` workspace;
//   - re-lint: on the `--project-edit-files` workspace, with the prod patch and the base
//     Deployment open, the time from a didChange of the patch (unsaved) to the publication
//     for the base Deployment the overlay reads (median of runs), debounce 0.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { BenchServer } from './lsp.mjs';
import { generateManifest } from './generate.mjs';

const require = createRequire(import.meta.url);
const { InitializeRequest, InitializedNotification, WorkDoneProgressCreateRequest } = require('vscode-languageserver-protocol/node');

/** Files of one generated kustomize app. */
const APP_FILES = 9;

const deployment = (app) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
spec:
  selector:
    matchLabels: { app: ${app} }
  template:
    metadata:
      labels: { app: ${app} }
    spec:
      containers:
        - name: ${app}
          image: registry.example.com/${app}:1.0.0
          resources:
            limits: { cpu: 500m, memory: 256Mi }
`;
const service = (app) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  selector: { app: ${app} }\n  ports:\n    - port: 80\n`;
const privileged = (app, on) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
spec:
  template:
    spec:
      containers:
        - name: ${app}
          securityContext:
            privileged: ${on}
`;
const replicas = (app) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  replicas: 3\n`;

/** Writes a workspace of about `files` files (60% kustomize apps, the rest plain manifests); returns its folder. */
export function generateProject(files) {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-bench-project-'));
  const write = (rel, text) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  const apps = Math.max(1, Math.floor((files * 0.6) / APP_FILES));
  for (let i = 0; i < apps; i++) {
    const app = `app${i}`;
    const dir = `apps/${app}`;
    write(`${dir}/base/kustomization.yaml`, 'resources:\n  - deployment.yaml\n  - service.yaml\n');
    write(`${dir}/base/deployment.yaml`, deployment(app));
    write(`${dir}/base/service.yaml`, service(app));
    write(`${dir}/overlays/dev/kustomization.yaml`, `resources:\n  - ../../base\nnamespace: dev\n`);
    write(`${dir}/overlays/staging/kustomization.yaml`, `resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n`);
    write(`${dir}/overlays/staging/replicas.yaml`, replicas(app));
    write(`${dir}/overlays/prod/kustomization.yaml`, `resources:\n  - ../../base\npatches:\n  - path: privileged.yaml\n`);
    write(`${dir}/overlays/prod/privileged.yaml`, privileged(app, true));
    write(`${dir}/README.md`, `# ${app}\n`);
  }
  for (let i = apps * APP_FILES; i < files; i++) write(`manifests/group${i % 50}/m${i}.yaml`, generateManifest(3, i));
  return root;
}

export class ProjectServer extends BenchServer {
  /** initialize on `root` as a client with work done progress; resolves with the time to the index's progress end. */
  async initProject(root) {
    const ended = new Promise((resolve) =>
      this.conn.onUnhandledProgress((p) => {
        if (p.value?.kind === 'end') resolve(performance.now());
      }),
    );
    this.conn.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    const t0 = performance.now();
    const uri = pathToFileURL(root).href;
    await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true }, textDocument: { publishDiagnostics: { dataSupport: true } } },
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
    return (await ended) - t0;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function indexing(files) {
  const root = generateProject(files);
  const server = new ProjectServer();
  try {
    const ms = await server.initProject(root);
    return { ms, peakRssMb: server.statusKb('VmHWM') / 1024 };
  } finally {
    await server.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

async function relint(files, runs) {
  const root = generateProject(files);
  const server = new ProjectServer();
  try {
    await server.initProject(root);
    const patch = pathToFileURL(join(root, 'apps/app0/overlays/prod/privileged.yaml')).href;
    const base = pathToFileURL(join(root, 'apps/app0/base/deployment.yaml')).href;
    const opened = await server.open(patch, 'yaml', privileged('app0', true));
    if (!opened.diagnostics.some((d) => d.code === 'privileged-container')) throw new Error('the patch shows no privileged-container: not linted with the project');
    await server.open(base, 'yaml', deployment('app0'));
    const times = [];
    for (let i = 0; i < runs; i++) {
      const republished = server.diagnostics(base, 1);
      const t0 = performance.now();
      const [, { at }] = await Promise.all([server.change(patch, i + 2, [{ text: privileged('app0', i % 2 === 1) }]), republished]);
      times.push(at - t0);
    }
    return { medianMs: median(times), maxMs: Math.max(...times), peakRssMb: server.statusKb('VmHWM') / 1024 };
  } finally {
    await server.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

export async function projectBench({ files = 5000, editFiles = 200, runs = 15, log = console.log }) {
  log(`\nProject mode: workspace index and kustomize re-lints (dist/server.js)`);
  const idx = await indexing(files);
  log(`  indexing ${files} files: ${idx.ms.toFixed(0)} ms (initialize -> progress end), server peak RSS ${idx.peakRssMb.toFixed(0)} MB`);
  const r = await relint(editFiles, runs);
  log(`  ${editFiles}-file repo: didChange of a patch -> publish for the base file the overlay reads: median ${r.medianMs.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms (${runs} runs, debounce 0), peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  return { indexing: idx, relint: r };
}
