// Loads the Helm golden cases (test/fixtures/helm/<case>: chart/ plus helm-output.yaml or helm-error.txt, written by
// `npm run golden:helm`) and renders them with the engine as the golden script rendered them with helm.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { helmTemplateOutput, renderChart, type ChartRender } from '../../server/src/engine/helm/chart-render';

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

export function loadCase(name: string): GoldenCase {
  const dir = join(HELM_CASES, name);
  const render = renderChart(readTree(join(dir, 'chart')), { releaseName: 'rel', namespace: 'ns' });
  const out = join(dir, 'helm-output.yaml');
  const err = join(dir, 'helm-error.txt');
  const firstError = render.error ?? render.templates.find((t) => t.error)?.error;
  return {
    name,
    expected: existsSync(out) ? readFileSync(out, 'utf8') : undefined,
    expectedError: existsSync(err) ? readFileSync(err, 'utf8') : undefined,
    render,
    actual: firstError ? `ERROR: ${firstError.message}` : helmTemplateOutput(render),
  };
}

export function caseNames(): string[] {
  return readdirSync(HELM_CASES)
    .filter((n) => existsSync(join(HELM_CASES, n, 'chart')))
    .sort();
}
