// Loads the Helm golden cases (test/fixtures/helm/<case>: chart/ plus helm-output.yaml or helm-error.txt, written by
// `npm run golden:helm`) and renders them with the engine as the golden script rendered them with helm.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { helmTemplateOutput, renderChart, type ChartRender } from '../../server/src/engine/helm/chart-render';
import { readValues, type GoMap } from '../../server/src/engine/helm/values';

export const HELM_CASES = join(__dirname, '..', 'fixtures', 'helm');

export interface GoldenCase {
  name: string;
  expected?: string;
  expectedError?: string;
  render: ChartRender;
  actual: string;
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
  const files = readTree(join(dir, 'chart'));
  const overrides: GoMap[] = [];
  if (variant) {
    const file = files.has(`ci/${variant}.yaml`) ? `ci/${variant}.yaml` : `ci/${variant}.yml`;
    overrides.push(readValues(files.get(file) ?? '', file).value);
  }
  const render = renderChart(files, { releaseName: 'rel', namespace: 'ns' }, overrides);
  const suffix = variant ? `@${variant}` : '';
  const out = join(dir, `helm-output${suffix}.yaml`);
  const err = join(dir, `helm-error${suffix}.txt`);
  const firstError = render.error ?? render.templates.find((t) => t.error)?.error;
  return {
    name: id,
    expected: existsSync(out) ? readFileSync(out, 'utf8') : undefined,
    expectedError: existsSync(err) ? readFileSync(err, 'utf8') : undefined,
    render,
    actual: firstError ? `ERROR: ${firstError.message}` : helmTemplateOutput(render),
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
