/**
 * Table-driven rule testing. A pod-spec snippet is expanded into every
 * workload kind (Pod, Deployment, ..., CronJob, and the other projects' kinds
 * of views/workloads.ts: DeploymentConfig, Rollout, Knative Service,
 * Revision) and each case asserts the exact spans of the findings of one rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintYaml } from '../../server/src/engine/lint';
import { DEFAULT_SETTINGS, normalizeSettings, type EngineSettings } from '../../server/src/engine/config/settings';
import { RULE_IDS } from '../../server/src/engine/rules';
import type { Finding } from '../../server/src/engine/types';
import { WORKLOAD_KINDS, isWorkloadKind, type KnownWorkload, type WorkloadKind } from '../../server/src/engine/views/workloads';
import { assertFixKindsDeclared } from './fix-kinds';

const indent = (text: string, n: number): string =>
  text
    .replace(/^\n+/, '')
    .replace(/\s+$/, '')
    .split('\n')
    .map((l) => (l.trim() ? ' '.repeat(n) + l : l))
    .join('\n');

/** Strip the common leading indentation of a template literal. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n+/, '').replace(/\s+$/, '').split('\n');
  const min = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(min)).join('\n') + '\n';
}

/** Kinds of other projects with a pod template (the typed table of views/workloads.ts); `KnativeService` is Knative's `Service`. */
export type OtherWorkloadKind = 'DeploymentConfig' | 'Rollout' | 'KnativeService' | 'Revision';
/** The entry of the engine's table each stands for: a kind the table drops fails to compile here. */
const OTHER_WORKLOADS: Readonly<Record<OtherWorkloadKind, KnownWorkload>> = {
  DeploymentConfig: 'apps.openshift.io/DeploymentConfig',
  Rollout: 'argoproj.io/Rollout',
  KnativeService: 'serving.knative.dev/Service',
  Revision: 'serving.knative.dev/Revision',
};
export const OTHER_WORKLOAD_KINDS = Object.keys(OTHER_WORKLOADS) as OtherWorkloadKind[];
/** Every kind a pod-spec snippet is expanded into. */
export type TestKind = WorkloadKind | OtherWorkloadKind;
export const TEST_KINDS: readonly TestKind[] = [...WORKLOAD_KINDS, ...OTHER_WORKLOAD_KINDS];

export interface PodOptions {
  /** Pod template annotations as YAML map lines (dedented). */
  annotations?: string;
  name?: string;
}

/** The YAML text of a `kind` workload whose pod spec is `podSpec` (a dedented YAML map). */
export function workload(kind: TestKind, podSpec: string, opts: PodOptions = {}): string {
  const spec = dedent(podSpec);
  const name = opts.name ?? 'app';
  const ann = (n: number) => (opts.annotations ? `${' '.repeat(n)}annotations:\n${indent(dedent(opts.annotations), n + 2)}\n` : '');
  const template = (n: number) =>
    `${' '.repeat(n)}template:\n${' '.repeat(n + 2)}metadata:\n${' '.repeat(n + 4)}labels:\n${' '.repeat(n + 6)}app: ${name}\n${ann(n + 4)}${' '.repeat(n + 2)}spec:\n${indent(spec, n + 4)}\n`;
  const apiVersion: Record<TestKind, string> = {
    Pod: 'v1',
    ReplicationController: 'v1',
    Deployment: 'apps/v1',
    ReplicaSet: 'apps/v1',
    StatefulSet: 'apps/v1',
    DaemonSet: 'apps/v1',
    Job: 'batch/v1',
    CronJob: 'batch/v1',
    DeploymentConfig: 'apps.openshift.io/v1',
    Rollout: 'argoproj.io/v1alpha1',
    KnativeService: 'serving.knative.dev/v1',
    Revision: 'serving.knative.dev/v1',
  };
  const kindName = isWorkloadKind(kind) ? kind : OTHER_WORKLOADS[kind].slice(OTHER_WORKLOADS[kind].indexOf('/') + 1);
  const head = `apiVersion: ${apiVersion[kind]}\nkind: ${kindName}\nmetadata:\n  name: ${name}\n`;
  switch (kind) {
    case 'Pod':
    case 'Revision':
      return `${head}${ann(2)}spec:\n${indent(spec, 2)}\n`;
    case 'CronJob':
      return `${head}spec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n${template(6)}`;
    case 'Job':
    case 'KnativeService':
      return `${head}spec:\n${template(2)}`;
    case 'ReplicationController':
    case 'DeploymentConfig':
      return `${head}spec:\n  selector:\n    app: ${name}\n${template(2)}`;
    default:
      return `${head}spec:\n  selector:\n    matchLabels:\n      app: ${name}\n${template(2)}`;
  }
}

/** All findings of one rule on a text. */
export function findingsOf(ruleId: string, text: string, settings: EngineSettings = DEFAULT_SETTINGS): Finding[] {
  const all = lintYaml(text, { settings });
  assertFixKindsDeclared(all);
  return all.filter((f) => f.ruleId === ruleId);
}

export function settingsWith(raw: unknown): EngineSettings {
  const { settings, problems } = normalizeSettings(raw, RULE_IDS);
  assert.deepEqual(problems, []);
  return settings;
}

export interface ExpectedFinding {
  /** The exact text the finding underlines. */
  at: string;
  /** Which occurrence of `at` in the expanded text (0-based); default 0. */
  occurrence?: number;
  /** Substrings the message must contain. */
  message?: string | string[];
}

export interface PodCase {
  name: string;
  podSpec: string;
  annotations?: string;
  settings?: EngineSettings;
  /** Only these kinds (default: TEST_KINDS, built-in and other projects' workload kinds). */
  kinds?: readonly TestKind[];
}

export interface InvalidPodCase extends PodCase {
  errors: ExpectedFinding[];
}

function offsetOf(text: string, at: string, occurrence: number): number {
  let idx = -1;
  for (let i = 0; i <= occurrence; i++) {
    idx = text.indexOf(at, idx + 1);
    if (idx < 0) throw new Error(`expected text ${JSON.stringify(at)} (occurrence ${occurrence}) not in:\n${text}`);
  }
  return idx;
}

/** Assert that `findings` are exactly `expected`, in text order, with exact spans. */
export function assertFindings(text: string, findings: Finding[], expected: ExpectedFinding[]): void {
  const actual = [...findings].sort((a, b) => a.span.start - b.span.start);
  const describe = (fs: Finding[]) => fs.map((f) => `${JSON.stringify(text.slice(f.span.start, f.span.end))}@${f.span.start}: ${f.message}`).join('\n');
  assert.equal(actual.length, expected.length, `expected ${expected.length} finding(s), got ${actual.length}:\n${describe(actual)}\n--- in:\n${text}`);
  const wanted = expected
    .map((e) => ({ e, start: offsetOf(text, e.at, e.occurrence ?? 0) }))
    .sort((a, b) => a.start - b.start);
  wanted.forEach(({ e, start }, i) => {
    const f = actual[i]!;
    assert.deepEqual(
      { start: f.span.start, end: f.span.end },
      { start, end: start + e.at.length },
      `finding ${i} span: got ${JSON.stringify(text.slice(f.span.start, f.span.end))}, want ${JSON.stringify(e.at)}\n${describe(actual)}`,
    );
    for (const m of e.message === undefined ? [] : Array.isArray(e.message) ? e.message : [e.message]) {
      assert.ok(f.message.includes(m), `message ${JSON.stringify(f.message)} should contain ${JSON.stringify(m)}`);
    }
    assert.ok(!f.message.includes('{{'), `unfilled placeholder in ${JSON.stringify(f.message)}`);
  });
}

/**
 * Register node:test cases for a rule: every valid case yields no finding of
 * the rule and every invalid case yields exactly the expected ones, in every
 * workload kind.
 */
export function podRuleTests(ruleId: string, cases: { valid: PodCase[]; invalid: InvalidPodCase[] }): void {
  for (const c of cases.valid) {
    for (const kind of c.kinds ?? TEST_KINDS) {
      test(`${ruleId} valid: ${c.name} [${kind}]`, () => {
        const text = workload(kind, c.podSpec, { annotations: c.annotations });
        assertFindings(text, findingsOf(ruleId, text, c.settings), []);
      });
    }
  }
  for (const c of cases.invalid) {
    for (const kind of c.kinds ?? TEST_KINDS) {
      test(`${ruleId} invalid: ${c.name} [${kind}]`, () => {
        const text = workload(kind, c.podSpec, { annotations: c.annotations });
        assertFindings(text, findingsOf(ruleId, text, c.settings), c.errors);
      });
    }
  }
}
