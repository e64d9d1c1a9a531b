/** `--list-rules`: the rule registry as a table (text) or as JSON (see the ruleList definition in the report schema). */
import { effectiveSeverity, ruleDocPath, ruleMetas, type EngineSettings, type RuleMeta } from '../../engine';
import { TOOL_NAME, TOOL_VERSION } from '../package-info';
import { JSON_REPORT_VERSION } from './json';

/** The severity a rule has out of the box (`off` for rules that must be turned on). */
function defaultSetting(meta: RuleMeta): string {
  return meta.enabledByDefault === false ? 'off' : meta.defaultSeverity;
}

/** The profile that enables a rule; `any` for rules that run under both. */
function profileOf(meta: RuleMeta): string {
  return meta.level ?? 'any';
}

/** The benchmark items a rule checks, short: `CIS-K8s 5.2.3; CIS-Docker 5.15` (`-` for none). */
function benchmarksOf(meta: RuleMeta): string {
  const refs = meta.references;
  const parts = [refs.cis?.length ? `CIS-K8s ${refs.cis.join(',')}` : '', refs.cisDocker?.length ? `CIS-Docker ${refs.cisDocker.join(',')}` : ''].filter((x) => x !== '');
  return parts.length > 0 ? parts.join('; ') : '-';
}

export function formatRulesText(): string {
  const rows = [['ID', 'SEVERITY', 'PROFILE', 'TITLE', 'BENCHMARKS'], ...ruleMetas().map((m) => [m.id, defaultSetting(m), profileOf(m), m.title, benchmarksOf(m)])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ')).join('\n') + '\n';
}

export function formatRulesJson(settings: EngineSettings): string {
  const doc = {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    profile: settings.profile,
    rules: ruleMetas().map((m) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      category: m.category,
      level: m.level ?? null,
      defaultSeverity: m.defaultSeverity,
      enabledByDefault: m.enabledByDefault !== false,
      severity: effectiveSeverity(m, settings),
      fixable: m.fixable ?? null,
      docs: ruleDocPath(m.id),
      ...(m.references.cis?.length || m.references.cisDocker?.length
        ? { benchmarks: { ...(m.references.cis?.length ? { cis: m.references.cis } : {}), ...(m.references.cisDocker?.length ? { cisDocker: m.references.cisDocker } : {}) } }
        : {}),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
