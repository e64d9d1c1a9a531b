/** Public surface of the engine, used by the language server, the CLI and tests. */
export * from './types';
export { chunkIndexAt } from './yaml-lint-result';
export { lintText, lintYaml, fileKindOf, fileKindOfText, DocumentCache, type FileKind, type LintOptions } from './lint';
export { RULES, RULE_IDS, getRule, ruleMetas, ruleDocPath } from './rules';
export { DEFAULT_SETTINGS, DEFAULT_TRUSTED_REGISTRIES, normalizeSettings, effectiveSeverity, settingsKey, type EngineSettings, type Exemption } from './config/settings';
export { LineIndex } from './text';
export { formatMessage, type Rule, type RuleContext } from './rule';
export { closestMatch, editDistance } from './suggest';
export { describeInternalError, type InternalError, type RuleHooks } from './run-rule';
