// Loads the Helm golden cases (test/fixtures/helm/<case>: chart/ plus helm-output.yaml or helm-error.txt, written by
// `npm run golden:helm`) and renders them with the engine as the golden script rendered them with helm.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { helmTemplateOrder, renderChart, type ChartRender } from '../../server/src/engine/helm/chart-render';
import { firstManifestError, helmTemplateOutput } from '../../server/src/engine/helm/manifests';
import { buildChart } from '../../server/src/engine/helm/chart-build';
import { readValues, type GoMap } from '../../server/src/engine/helm/values';
import { DiskProjectHost } from '../../server/src/io/disk-project-host';

export const HELM_CASES = join(__dirname, '..', 'fixtures', 'helm');

export interface GoldenCase {
  name: string;
  expected?: string;
  expectedError?: string;
  render: ChartRender;
  actual: string;
  /** helm/helm's own golden file for this render (helm-repo-output*.txt), when the case comes from Helm's tests. */
  helmRepo?: string;
}

/** case.json: how the golden script ran helm for a case (see scripts/golden-helm.mjs). */
interface CaseSpec {
  release?: string;
  namespace?: string;
  args?: string[];
  variants?: Record<string, string[]>;
}

/** `--set a.b=v,c=w` as a values file (JSON: booleans, null and strings; Helm's --set reads integers as int64, not used here). */
function setAsYaml(sets: string[]): string {
  const root: Record<string, unknown> = {};
  for (const s of sets.flatMap((x) => x.split(','))) {
    const [path, value] = [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)];
    if (/^-?\d+$/.test(value)) throw new Error(`--set ${s}: integers are int64 in Helm, not supported by this helper`);
    const keys = path.split('.');
    let at = root;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]!] = value === 'true' ? true : value === 'false' ? false : value === 'null' ? null : value;
  }
  return JSON.stringify(root);
}

/** What `helm template` prints for a render without template errors: its manifests, or the manifest Helm refuses. */
function printed(render: ChartRender): string {
  const refused = firstManifestError(render);
  return refused ? `ERROR: ${refused}` : helmTemplateOutput(render);
}

/** A chart with subcharts or helm arguments: rendered as a tree (chart-build.ts), as `helm template` with the args. */
function renderTree(dir: string, spec: CaseSpec, variant: string | undefined): { render: ChartRender; actual: string } {
  const args = [...(spec.args ?? []), ...(variant && spec.variants?.[variant] ? spec.variants[variant] : variant ? ['--values', `chart/ci/${variant}.yaml`] : [])];
  const valuesFiles: string[] = [];
  const sets: string[] = [];
  let kubeVersion: string | undefined;
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i]!, args[i + 1]!];
    if (flag === '--values' || flag === '-f') valuesFiles.push(join(dir, value));
    else if (flag === '--set') sets.push(value);
    else if (flag === '--kube-version') kubeVersion = value.startsWith('v') ? value : `v${value}`;
    else throw new Error(`unsupported helm flag ${flag}`);
  }
  const disk = new DiskProjectHost();
  const setFile = join(dir, '.set-values.yaml');
  if (sets.length > 0) valuesFiles.push(setFile);
  const host = { ...disk, gunzip: disk.gunzip.bind(disk), readDirectory: disk.readDirectory.bind(disk), readFile: (p: string) => (p === setFile ? setAsYaml(sets) : disk.readFile(p)) };
  const build = buildChart(join(dir, 'chart'), host, { releaseName: spec.release ?? 'rel', namespace: spec.namespace ?? 'ns', valuesFiles, keepRenders: true, ...(kubeVersion ? { kubeVersion } : {}) });
  const renders = build.renders ?? [];
  const render: ChartRender = { ...(renders[0] ?? { chartName: '', values: new Map(), positions: new WeakMap() }), templates: renders.flatMap((r) => r.templates) };
  // Helm stops at the first template that fails in its order over the whole tree.
  const firstError = renders.find((r) => r.error)?.error ?? [...render.templates].sort((a, b) => helmTemplateOrder(a.name, b.name)).find((t) => t.error)?.error;
  const problem = build.problems.find((p) => p.severity === 'error');
  // Helm checks the values against the schemas before it renders anything.
  const schema = build.schema?.map((c) => `${c.chart}:\n${c.details.map((d) => `- ${d}\n`).join('')}`).join('');
  if (schema) return { render, actual: `ERROR: values don't meet the specifications of the schema(s) in the following chart(s):\n${schema}` };
  return { render, actual: firstError ? `ERROR: ${firstError.helm ?? firstError.message}` : problem && !/YAML parse error/.test(problem.message) ? `ERROR: ${problem.message}` : printed(render) };
}

function readTree(dir: string, root = dir, out = new Map<string, string>()): Map<string, string> {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) readTree(p, root, out);
    else out.set(relative(root, p).split('\\').join('/'), readFileSync(p, 'utf8'));
  }
  return out;
}

/** A case name, or `<case>@<ci values file without .yaml>` for a chart/ci variant. */
export function loadCase(id: string): GoldenCase {
  const [name, variant] = id.split('@') as [string, string | undefined];
  const dir = join(HELM_CASES, name);
  const suffix = variant ? `@${variant}` : '';
  const out = join(dir, `helm-output${suffix}.yaml`);
  const err = join(dir, `helm-error${suffix}.txt`);
  const repo = join(dir, `helm-repo-output${suffix}.txt`);
  const golden = {
    name: id,
    expected: existsSync(out) ? readFileSync(out, 'utf8') : undefined,
    expectedError: existsSync(err) ? readFileSync(err, 'utf8') : undefined,
    ...(existsSync(repo) ? { helmRepo: readFileSync(repo, 'utf8') } : {}),
  };
  if (existsSync(join(dir, 'case.json')) || existsSync(join(dir, 'chart', 'charts'))) {
    const spec = existsSync(join(dir, 'case.json')) ? (JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseSpec) : {};
    return { ...golden, ...renderTree(dir, spec, variant) };
  }
  const files = readTree(join(dir, 'chart'));
  const overrides: GoMap[] = [];
  if (variant) {
    const file = files.has(`ci/${variant}.yaml`) ? `ci/${variant}.yaml` : `ci/${variant}.yml`;
    overrides.push(readValues(files.get(file) ?? '', file).value);
  }
  const render = renderChart(files, { releaseName: 'rel', namespace: 'ns' }, overrides);
  const firstError = render.error ?? render.templates.find((t) => t.error)?.error;
  return {
    ...golden,
    render,
    actual: firstError ? `ERROR: ${firstError.helm ?? firstError.message}` : printed(render),
  };
}

/** Every case and ci variant that has golden output. */
export function caseNames(): string[] {
  return readdirSync(HELM_CASES)
    .filter((n) => existsSync(join(HELM_CASES, n, 'chart')))
    .sort()
    .flatMap((n) =>
      readdirSync(join(HELM_CASES, n))
        .map((f) => /^helm-(?:output|error)(@[^.]+)?\.(?:yaml|txt)$/.exec(f))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => n + (m[1] ?? ''))
        .sort(),
    );
}
