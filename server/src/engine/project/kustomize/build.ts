/**
 * Kustomize, in process: builds a kustomization directory as `kubectl kustomize` (kustomize v5)
 * does for local inputs, keeping for every node of every built object the file and range it was
 * written at (see ../types.ts). The order follows kustomize's KustTarget: resources (files, and
 * directories as nested builds), generators, components (applied to what is accumulated so far),
 * then the transformers; at the top level the generated names get their hashes, references to
 * renamed objects are updated and the objects are sorted in kustomize's legacy order.
 *
 * Where kubectl would fail, the offending line gets a ProjectProblem and the build goes on with
 * what it has. Remote bases and helmCharts are not fetched or rendered (an info problem says so).
 */
import type { Node } from 'yaml';
import { dirnameOf, joinPath } from '../paths';
import { Provenance, type KustomizeBuild, type ProjectHost, type ProjectPath } from '../types';
import { findKustomization, isRemote, loadResourceFile, readKustomization, stringItems, withinRoot } from './load';
import { idString, problem, type BuildState, type Kustomization, type Res } from './model';
import { runGenerators } from './generators';
import { runTransformers } from './transform';
import { addHashSuffixes } from './hashnames';
import { fixNameReferences } from './nameref';
import { sortOutput } from './order';

export { isKustomizationFile } from './load';

interface Context {
  host: ProjectHost;
  state: BuildState;
  /** Kustomization files being built, outermost first (a directory among them again is a cycle). */
  stack: ProjectPath[];
}

/** Builds the kustomization in `dir` as `kubectl kustomize dir` prints it. Never throws. */
export function buildKustomization(dir: ProjectPath, host: ProjectHost): KustomizeBuild {
  const state: BuildState = {
    problems: [],
    inputs: new Set(),
    patches: new Set(),
    resources: new Set(),
    kustomizations: new Set(),
    provenance: new Provenance(),
  };
  const found = findKustomization(dir, host);
  const file = found.file ?? joinPath(dir, 'kustomization.yaml');
  let ra: Res[] = [];
  if (!found.file) {
    state.problems.push({ file, span: { start: 0, end: 0 }, message: `no kustomization.yaml, kustomization.yml or Kustomization in ${dir}`, severity: 'error' });
  } else {
    if (found.several) state.problems.push({ file, span: { start: 0, end: 0 }, message: `found several kustomization files in ${dir}`, severity: 'error' });
    const k = readKustomization(file, dir, host, state);
    if (k) {
      const ctx: Context = { host, state, stack: [file] };
      try {
        ra = accumulateTarget(k, [], ctx);
        addHashSuffixes(ra, state);
        fixNameReferences(ra, state);
        ra = sortOutput(ra, k.field('sortOptions'));
      } catch (e) {
        // Nothing throws out of the engine: an unexpected failure is one problem on the kustomization.
        state.problems.push({ file, span: { start: 0, end: 0 }, message: `kustomize build failed: ${e instanceof Error ? e.message : String(e)}`, severity: 'error' });
      }
    }
  }
  return {
    file,
    objects: ra.map((r) => r.obj),
    problems: state.problems,
    inputs: state.inputs,
    patches: state.patches,
    resources: state.resources,
    kustomizations: state.kustomizations,
  };
}

function accumulateTarget(k: Kustomization, ra: Res[], ctx: Context): Res[] {
  const resources = stringItems(k, 'resources', ctx.state).concat(stringItems(k, 'bases', ctx.state));
  const ids = new Set(ra.map((x) => idString(x.obj.node)));
  for (const entry of resources) accumulateResource(k, entry, ra, ids, ctx);
  const helm = k.field('helmCharts');
  if (helm) problem(ctx.state, k.file, helm as Node, 'helmCharts are not rendered by Shipshape; the rest is built', 'info');
  runGenerators(k, ra, ctx.host, ctx.state);
  for (const entry of stringItems(k, 'components', ctx.state)) {
    if (isRemote(entry.value)) {
      problem(ctx.state, k.file, entry.node, `remote component "${entry.value}" is not fetched by Shipshape; the rest is built`, 'info');
      continue;
    }
    const sub = subKustomization(k, entry, ctx, 'Component');
    if (sub) ra = withStack(ctx, sub.file, () => accumulateTarget(sub, ra, ctx));
  }
  return runTransformers(k, ra, ctx.host, ctx.state);
}

function withStack<T>(ctx: Context, file: ProjectPath, run: () => T): T {
  ctx.stack.push(file);
  try {
    return run();
  } finally {
    ctx.stack.pop();
  }
}

function accumulateResource(k: Kustomization, entry: { value: string; node: Node }, ra: Res[], ids: Set<string>, ctx: Context): void {
  if (isRemote(entry.value)) {
    problem(ctx.state, k.file, entry.node, `remote base "${entry.value}" is not fetched by Shipshape; the rest is built`, 'info');
    return;
  }
  const path = joinPath(k.dir, entry.value);
  const text = ctx.host.readFile(path);
  if (text !== undefined) {
    if (!withinRoot(k.dir, path)) {
      problem(ctx.state, k.file, entry.node, `security; file '${path}' is not in or below '${k.dir}'`);
      return;
    }
    ctx.state.inputs.add(path);
    ctx.state.resources.add(path);
    append(ra, ids, loadResourceFile(path, text, ctx.state, { file: k.file, node: entry.node }), k, entry.node, ctx);
    return;
  }
  const sub = subKustomization(k, entry, ctx, 'Kustomization');
  if (sub) append(ra, ids, withStack(ctx, sub.file, () => accumulateTarget(sub, [], ctx)), k, entry.node, ctx);
}

/** The kustomization of a directory entry (a base or a component), or undefined with a problem. */
function subKustomization(k: Kustomization, entry: { value: string; node: Node }, ctx: Context, expected: 'Kustomization' | 'Component'): Kustomization | undefined {
  const dir = joinPath(k.dir, entry.value);
  if (ctx.host.readDirectory(dir) === undefined) {
    problem(ctx.state, k.file, entry.node, `${expected === 'Component' ? 'component' : 'resource'} "${entry.value}" not found: no such file or directory`);
    return undefined;
  }
  const found = findKustomization(dir, ctx.host);
  if (!found.file) {
    problem(ctx.state, k.file, entry.node, `"${entry.value}" has no kustomization.yaml, kustomization.yml or Kustomization`);
    return undefined;
  }
  if (found.several) problem(ctx.state, k.file, entry.node, `found several kustomization files in "${entry.value}"`);
  // kustomize's loader refuses a directory that is, or contains, one it is already building.
  if (ctx.stack.some((visited) => withinRoot(dir, dirnameOf(visited)))) {
    problem(ctx.state, k.file, entry.node, `cycle: "${entry.value}" contains a kustomization that is being built (${entry.value} includes it again)`);
    return undefined;
  }
  const sub = readKustomization(found.file, dir, ctx.host, ctx.state);
  if (!sub) {
    problem(ctx.state, k.file, entry.node, `"${entry.value}": its kustomization is invalid`);
    return undefined;
  }
  ctx.state.kustomizations.add(found.file);
  if (expected === 'Component' && sub.kind !== 'Component') {
    problem(ctx.state, k.file, entry.node, `expected kind 'Component' for path '${dir}' but got '${sub.kind}'`);
    return undefined;
  }
  if (expected === 'Kustomization' && sub.kind === 'Component') {
    problem(ctx.state, k.file, entry.node, `expected kind != 'Component' for path '${dir}'`);
    return undefined;
  }
  return sub;
}

/** Appends resources, as kustomize's accumulator does: an id already there is an error. */
function append(ra: Res[], ids: Set<string>, add: Res[], k: Kustomization, entryNode: Node, ctx: Context): void {
  for (const r of add) {
    const id = idString(r.obj.node);
    if (ids.has(id)) {
      problem(ctx.state, k.file, entryNode, `may not add resource with an already registered id: ${id}`);
      continue;
    }
    ids.add(id);
    ra.push(r);
  }
}
