/**
 * The rule registry: every rule, in a stable order. Ids are unique (a test
 * checks) and each has docs/rules/<id>.md.
 */
import type { Rule } from '../rule';
import type { RuleMeta } from '../types';
import { baselineRules } from './baseline';
import { restrictedRules } from './restricted';
import { hardeningRules } from './hardening';
import { resourcesRules } from './resources';
import { secretsRules } from './secrets';
import { imagesRules } from './images';
import { rbacRules } from './rbac';
import { serviceAccountsRules } from './service-accounts';
import { pspRules } from './psp';
import { networkRules } from './network';
import { relationsRules } from './relations';
import { workloadsRules } from './workloads';
import { dockerfileRules } from './dockerfile';
import { kubeconfigRules } from './kubeconfig';
import { clusterConfigRules } from './cluster-config';
import { schemaRules } from './schema';
import { dockerDaemonRules } from './docker-daemon';
import { abacRules } from './abac';
import jsonSyntax from './syntax/json-syntax';
import yamlSyntax from './syntax/yaml-syntax';
import helmTemplate from './syntax/helm-template';
import binaryFile from './syntax/binary-file';
import fileEncoding from './syntax/file-encoding';
import unusedSuppression from './syntax/unused-suppression';
import invalidConfig from './syntax/invalid-config';
import internalError from './syntax/internal-error';
import kustomizeBuild from './syntax/kustomize-build';
import helmRender from './syntax/helm-render';

export const SYNTAX_RULES = { yamlSyntax, jsonSyntax, helmTemplate, binaryFile, fileEncoding, unusedSuppression, invalidConfig, internalError, kustomizeBuild, helmRender } as const;

export const RULES: readonly Rule[] = [
  ...baselineRules,
  ...restrictedRules,
  ...hardeningRules,
  ...resourcesRules,
  ...secretsRules,
  ...imagesRules,
  ...rbacRules,
  ...serviceAccountsRules,
  ...pspRules,
  ...networkRules,
  ...relationsRules,
  ...workloadsRules,
  ...dockerfileRules,
  ...kubeconfigRules,
  ...clusterConfigRules,
  ...dockerDaemonRules,
  ...abacRules,
  ...schemaRules,
  yamlSyntax,
  jsonSyntax,
  helmTemplate,
  binaryFile,
  fileEncoding,
  unusedSuppression,
  invalidConfig,
  internalError,
  kustomizeBuild,
  helmRender,
];

const byId = new Map<string, Rule>(RULES.map((r) => [r.meta.id, r]));

export const RULE_IDS: ReadonlySet<string> = new Set(byId.keys());

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

export function ruleMetas(): RuleMeta[] {
  return RULES.map((r) => r.meta);
}

/** Path of a rule's documentation page, relative to the package root. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
