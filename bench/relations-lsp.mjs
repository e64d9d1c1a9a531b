// Relations in the editor (issue 19): the language server's relation pass over a workspace.
//
//   node bench/run.mjs --relations-lsp [--relations-files 2000] [--relations-runs 15]   (needs `npm run build`)
//
// The workspace is the relations mode's generated repository (bench/relations.mjs). Two servers
// in the same run, debounce 0:
//   - baseline: a server without workspace folders (files linted alone, as before relations);
//   - workspace: a server indexing the repository (every plain file is read and judged).
// Measured, each as a ratio against the baseline:
//   - cold: didOpen of a RoleBinding file -> its publication (the workspace server reads and judges
//     the whole repository then; the baseline lints the file alone);
//   - warm: didChange (unsaved) of the Role it binds, to `*` on `*` and back -> the publication of the
//     binding's file (median of runs), against didChange of the Role -> the Role's publication on the
//     baseline server.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchServer } from './lsp.mjs';
import { ProjectServer } from './project.mjs';
import { generateRelationsRepo } from './relations.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The Role granting every verb on every resource. */
const grantAll = (role) => role.replace(/rules:[\s\S]*$/, 'rules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n');

export async function relationsLspBench({ files = 2000, runs = 15, log = console.log }) {
  const repo = generateRelationsRepo(files);
  // app0001: its binding grants its own Role (app0000's binds a built-in ClusterRole).
  const rolePath = join(repo.root, 'app0001', 'role.yaml');
  const bindingPath = join(repo.root, 'app0001', 'rolebinding.yaml');
  const role = readFileSync(rolePath, 'utf8');
  const binding = readFileSync(bindingPath, 'utf8');
  const roleUri = pathToFileURL(rolePath).href;
  const bindingUri = pathToFileURL(bindingPath).href;
  const texts = (i) => [{ text: i % 2 === 0 ? grantAll(role) : role }];
  try {
    log(`\nRelations in the editor: ${repo.files.toLocaleString('en-US')}-file workspace (bench/relations.mjs), debounce 0, ${runs} edits`);
    const base = new BenchServer();
    const baseline = { cold: 0, warm: [] };
    try {
      await base.init();
      baseline.cold = (await base.open(bindingUri, 'yaml', binding)).ms;
      await base.open(roleUri, 'yaml', role);
      for (let i = 0; i < runs; i++) baseline.warm.push((await base.change(roleUri, i + 2, texts(i))).ms);
    } finally {
      await base.dispose();
    }
    const server = new ProjectServer();
    const workspace = { cold: 0, warm: [] };
    try {
      const indexMs = await server.initProject(repo.root);
      log(`  indexing: ${indexMs.toFixed(0)} ms (initialize -> progress end)`);
      workspace.cold = (await server.open(bindingUri, 'yaml', binding)).ms;
      await server.open(roleUri, 'yaml', role);
      for (let i = 0; i < runs; i++) {
        const republished = server.diagnostics(bindingUri, 1);
        const t0 = performance.now();
        const [, { at, diagnostics }] = await Promise.all([server.change(roleUri, i + 2, texts(i)), republished]);
        const found = diagnostics.some((d) => d.code === 'rbac-binding-resolved');
        if (found !== (i % 2 === 0)) throw new Error(`edit ${i}: the binding's file ${found ? 'kept' : 'did not get'} rbac-binding-resolved`);
        workspace.warm.push(at - t0);
      }
      log(`  server peak RSS: ${(server.statusKb('VmHWM') / 1024).toFixed(0)} MB`);
    } finally {
      await server.dispose();
    }
    const warm = median(workspace.warm);
    const warmBase = median(baseline.warm);
    log(`  cold: didOpen of the binding -> its publication: ${workspace.cold.toFixed(1)} ms vs ${baseline.cold.toFixed(1)} ms linted alone (${(workspace.cold / baseline.cold).toFixed(2)}x)`);
    log(`  warm: didChange of the Role -> publication of the binding's file: median ${warm.toFixed(1)} ms, max ${Math.max(...workspace.warm).toFixed(1)} ms vs the Role's own publication linted alone: median ${warmBase.toFixed(1)} ms (${(warm / warmBase).toFixed(2)}x)`);
    return { cold: workspace.cold, coldBaseline: baseline.cold, warm, warmBaseline: warmBase };
  } finally {
    rmSync(repo.root, { recursive: true, force: true });
  }
}
