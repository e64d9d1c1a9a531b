/** Public surface of the engine, used by the language server, the CLI and tests. */
export * from './types';
export { lintText, lintYaml, fileKindOf, DocumentCache, type FileKind, type LintOptions } from './lint';
export { RULES, RULE_IDS, getRule, ruleMetas, ruleDocPath } from './rules';
export { DEFAULT_SETTINGS, normalizeSettings, effectiveSeverity, type EngineSettings } from './config/settings';
export { LineIndex } from './text';
export { formatMessage, type Rule, type RuleContext } from './rule';
