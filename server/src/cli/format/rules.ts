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

export function formatRulesText(): string {
  const rows = [['ID', 'SEVERITY', 'PROFILE', 'TITLE'], ...ruleMetas().map((m) => [m.id, defaultSetting(m), profileOf(m), m.title])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')).join('\n') + '\n';
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
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
