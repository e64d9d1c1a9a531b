// Relations in the editor (issue 19): the language server's relation pass over a workspace.
//
//   node bench/run.mjs --relations-lsp [--relations-files 2000] [--relations-runs 15]   (needs `npm run build`)
//
// The workspace is the relations mode's generated repository (bench/relations.mjs). Two servers
// in the same run, debounce 0:
//   - baseline: a server without workspace folders (files linted alone, as before relations);
//   - workspace: a server indexing the repository (every plain file is read and judged).
// Measured, each as a ratio against the baseline:
//   - cold: didOpen of a RoleBinding file, as soon as the index is ready -> its publication with the
//     relation finding (the workspace server reads the whole repository in the background, then judges
//     it), against didOpen -> publication of the same file linted alone on the baseline server;
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
  // app0004: its binding grants its own Role, which reads Secrets (a relation finding from the start).
  const rolePath = join(repo.root, 'app0004', 'role.yaml');
  const bindingPath = join(repo.root, 'app0004', 'rolebinding.yaml');
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
      const judged = (diagnostics) => diagnostics.find((d) => d.code === 'rbac-binding-resolved')?.message ?? '';
      const t0 = performance.now();
      let first = await server.open(bindingUri, 'yaml', binding);
      let at = t0 + first.ms;
      while (!judged(first.diagnostics)) ({ at, diagnostics: first.diagnostics } = await server.diagnostics(bindingUri, 1));
      workspace.cold = at - t0;
      await server.open(roleUri, 'yaml', role);
      for (let i = 0; i < runs; i++) {
        const republished = server.diagnostics(bindingUri, 1);
        const t1 = performance.now();
        const [, r] = await Promise.all([server.change(roleUri, i + 2, texts(i)), republished]);
        const all = /every verb on every resource/.test(judged(r.diagnostics));
        if (all !== (i % 2 === 0)) throw new Error(`edit ${i}: the binding's file ${all ? 'kept' : 'did not get'} the finding of a role that allows everything`);
        workspace.warm.push(r.at - t1);
      }
      log(`  server peak RSS: ${(server.statusKb('VmHWM') / 1024).toFixed(0)} MB`);
    } finally {
      await server.dispose();
    }
    const warm = median(workspace.warm);
    const warmBase = median(baseline.warm);
    log(`  cold: didOpen of the binding when the index is ready -> its publication with the relation finding: ${workspace.cold.toFixed(1)} ms vs ${baseline.cold.toFixed(1)} ms linted alone (${(workspace.cold / baseline.cold).toFixed(2)}x)`);
    log(`  warm: didChange of the Role -> publication of the binding's file: median ${warm.toFixed(1)} ms, max ${Math.max(...workspace.warm).toFixed(1)} ms vs the Role's own publication linted alone: median ${warmBase.toFixed(1)} ms (${(warm / warmBase).toFixed(2)}x)`);
    return { cold: workspace.cold, coldBaseline: baseline.cold, warm, warmBaseline: warmBase };
  } finally {
    rmSync(repo.root, { recursive: true, force: true });
  }
}
