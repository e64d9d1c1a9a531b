/**
 * The benchmark report: each item of a benchmark catalog judged against the
 * findings of a scan, as kube-bench and Docker Bench judge a host. Pure: the
 * adapters (the CLI's `scan --benchmark`, the language server's benchmark
 * request) lint the files and say which subjects each file holds
 * (fileSubjects); this joins them with the catalog and the rules' metadata.
 *
 * - PASS: some scanned file holds the item's subjects, and the rules naming
 *   the item found nothing there.
 * - FAIL: a rule naming the item found something in such a file.
 * - N/A: no scanned file holds the item's subjects (or every rule naming it is off).
 * - MANUAL / HOST-ONLY: the item cannot be judged from files.
 */
import { RULES } from '../rules';
import type { Rule } from '../rule';
import { findingBenchmarkItems, type BenchmarkItems, type Severity } from '../types';
import { benchmarkItems } from './index';
import type { Benchmark, BenchmarkSubject } from './types';

export type ItemStatus = 'pass' | 'fail' | 'n/a' | 'manual' | 'host';

/** A finding as the report needs it (positions are 1-based). */
export interface BenchmarkFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  benchmarkItems?: BenchmarkItems;
  /**
   * About an object a kustomize build or a Helm chart made (reported at a patch, base, template or values line): it
   * counts whatever subjects the file holds (a values file holds none), as the object is judged, not the file.
   */
  built?: boolean;
}

/** One scanned file: its display path, the subjects it holds and its findings. */
export interface BenchmarkFile {
  file: string;
  subjects: readonly BenchmarkSubject[];
  findings: readonly BenchmarkFinding[];
}

export interface ItemResult {
  id: string;
  title: string;
  status: ItemStatus;
  /** The rules that check the item (files items). */
  rules: string[];
  /** Why it is N/A, MANUAL or HOST-ONLY. */
  reason?: string;
  /** For FAIL: the findings, with their files. */
  findings: Array<BenchmarkFinding & { file: string }>;
}

export interface BenchmarkReport {
  benchmark: { id: Benchmark['id']; name: string; version: string };
  sections: Array<{ id: string; title: string; items: ItemResult[] }>;
  totals: Record<ItemStatus, number>;
}

export interface BenchmarkReportOptions {
  /** The rules that ran (default: the registry's); an item whose every rule is off is N/A. */
  enabled?: (ruleId: string) => boolean;
  rules?: readonly Rule[];
}

/** The rules naming each item of the benchmark. */
export function rulesByItem(benchmark: Benchmark, rules: readonly Rule[] = RULES): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rules) {
    for (const id of r.meta.references[benchmark.referenceField] ?? []) {
      const list = out.get(id) ?? [];
      list.push(r.meta.id);
      out.set(id, list);
    }
  }
  return out;
}

/** What holds a subject, for "No scanned file holds ..." (N/A reasons). */
const SUBJECT_LABELS: Readonly<Record<BenchmarkSubject, string>> = {
  'kube-apiserver': 'a kube-apiserver (static pod)',
  'kube-controller-manager': 'a kube-controller-manager (static pod)',
  'kube-scheduler': 'a kube-scheduler (static pod)',
  etcd: 'an etcd (static pod)',
  kubeadm: 'a kubeadm configuration',
  'kubelet-config': 'a KubeletConfiguration',
  'encryption-config': 'an EncryptionConfiguration',
  'abac-policy': 'an ABAC policy file',
  workload: 'a Kubernetes workload',
  'pod-security-policy': 'a PodSecurityPolicy or SecurityContextConstraints',
  rbac: 'an RBAC role or binding',
  'service-account': 'a ServiceAccount',
  'network-policy': 'a NetworkPolicy',
  namespace: 'a Namespace',
  secret: 'a Secret',
  dockerfile: 'a Dockerfile',
  compose: 'a compose file',
  'docker-daemon': 'a Docker daemon configuration (daemon.json)',
};

function subjectList(subjects: readonly BenchmarkSubject[]): string {
  const labels = subjects.map((s) => SUBJECT_LABELS[s] ?? s);
  return labels.length <= 1 ? (labels[0] ?? 'nothing') : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

export function benchmarkReport(benchmark: Benchmark, files: readonly BenchmarkFile[], options: BenchmarkReportOptions = {}): BenchmarkReport {
  const rules = options.rules ?? RULES;
  const metas = new Map(rules.map((r) => [r.meta.id, r.meta]));
  const byItem = rulesByItem(benchmark, rules);
  const enabled = options.enabled ?? (() => true);
  // The findings of each item, with the files they are in (only files holding the item's subjects count).
  const found = new Map<string, Array<BenchmarkFinding & { file: string; subjects: readonly BenchmarkSubject[] }>>();
  for (const file of files) {
    for (const f of file.findings) {
      for (const id of findingBenchmarkItems(f, metas.get(f.ruleId), benchmark.referenceField)) {
        const list = found.get(id) ?? [];
        list.push({ ...f, file: file.file, subjects: file.subjects });
        found.set(id, list);
      }
    }
  }
  const totals: Record<ItemStatus, number> = { pass: 0, fail: 0, 'n/a': 0, manual: 0, host: 0 };
  const sections = benchmark.sections.map((section) => ({
    id: section.id,
    title: section.title,
    items: section.items.map((item): ItemResult => {
      const ruleIds = byItem.get(item.id) ?? [];
      const base = { id: item.id, title: item.title, rules: ruleIds, findings: [] as ItemResult['findings'] };
      let result: ItemResult;
      if (item.check !== 'files') {
        result = { ...base, status: item.check, ...(item.note !== undefined ? { reason: item.note } : {}) };
      } else {
        const subjects = item.subjects ?? [];
        const applies = files.some((f) => f.subjects.some((s) => subjects.includes(s)));
        if (!applies) result = { ...base, status: 'n/a', reason: `No scanned file holds ${subjectList(subjects)}.` };
        else if (!ruleIds.some(enabled)) result = { ...base, status: 'n/a', reason: `Its rules are turned off (${ruleIds.join(', ') || 'none'}).` };
        else {
          const failing = (found.get(item.id) ?? []).filter((f) => enabled(f.ruleId) && (f.built || f.subjects.some((s) => subjects.includes(s))));
          const findings = failing.map(({ subjects: _subjects, built: _built, ...f }) => f);
          result = { ...base, status: findings.length > 0 ? 'fail' : 'pass', findings };
        }
      }
      totals[result.status]++;
      return result;
    }),
  }));
  return { benchmark: { id: benchmark.id, name: benchmark.name, version: benchmark.version }, sections, totals };
}

/** Every item of the benchmark whose check is `files`: what the report can judge. */
export function checkableItems(benchmark: Benchmark): string[] {
  return benchmarkItems(benchmark).filter((i) => i.check === 'files').map((i) => i.id);
}
