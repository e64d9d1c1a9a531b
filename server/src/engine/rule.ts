/**
 * The rule contract (ESLint-style): metadata plus `create(ctx)` returning
 * visitors. Rules report through `ctx.report`; they never format output.
 */
import type { ContainerView, PodSpecView, ResourceView } from './views/resource';
import type { DockerfileView } from './views/dockerfile';
import type { ComposeServiceView } from './views/compose';
import type { EnvVarView, ImageView } from './views/values';
import type { Fix, Profile, ReportDescriptor, RuleMeta, Span } from './types';
import type { FixDefaults } from './config/fix-defaults';
import type { BindingView, RoleView } from './views/rbac';
import type { KubeconfigView } from './views/kubeconfig';
import type { PspView } from './views/psp';
import type { SccView } from './views/scc';
import type { ServiceAccountView } from './views/service-account';
import type { DocumentViews } from './views/view-set';
import type { DockerDaemonView } from './views/docker-daemon';
import type { AbacFileView } from './views/abac';
import type { ProjectIndex, RelationReplacer, RelationReporter } from './project/index';

export interface RuleContext {
  readonly meta: RuleMeta;
  /** Options for this rule from settings (validated by the config layer later). */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * The Pod Security profile being checked. Pod Security itself differs by
   * profile for some controls (e.g. procMount under `hostUsers: false`).
   */
  readonly profile: Profile;
  /** `trustedRegistries` from the settings (hosts, host/path prefixes or globs), for image trust rules. */
  readonly trustedRegistries: readonly string[];
  /** Values quick fixes write (default resource requests and limits), from settings. */
  readonly fixDefaults: FixDefaults;
  /** Full text of the YAML document being linted (document-relative offsets). */
  readonly text: string;
  /** What the rules of this document share, computed once for all of them (see views/view-set.ts). */
  readonly views: DocumentViews;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleVisitors {
  /** Every Kubernetes object. */
  resource?(resource: ResourceView): void;
  /** Every RBAC Role and ClusterRole. */
  role?(role: RoleView): void;
  /** Every RBAC RoleBinding and ClusterRoleBinding. */
  binding?(binding: BindingView): void;
  /** Every core ServiceAccount. */
  serviceAccount?(account: ServiceAccountView): void;
  /** Every kubeconfig (`kind: Config`). */
  kubeconfig?(config: KubeconfigView): void;
  /** Every PodSecurityPolicy. */
  psp?(psp: PspView): void;
  /** Every OpenShift SecurityContextConstraints. */
  scc?(scc: SccView): void;
  /** Every workload's pod spec (Pod, Deployment, ..., CronJob alike). */
  podSpec?(pod: PodSpecView): void;
  /** Every container: init, app and ephemeral. */
  container?(container: ContainerView): void;
  /** Every container image reference (containers of all kinds). */
  image?(image: ImageView): void;
  /** Every `env` entry of every container. */
  envVar?(env: EnvVarView): void;
  /** A whole Dockerfile (stages, instructions, resolved variables). */
  dockerfile?(df: DockerfileView): void;
  /** Every service of a compose file (its image and environment also go to `image` and `envVar`). */
  composeService?(service: ComposeServiceView): void;
  /** A Docker daemon configuration file (`daemon.json`). */
  dockerDaemon?(config: DockerDaemonView): void;
  /** An ABAC policy file: its policies, one per line (lines that do not parse are the engine's json-syntax findings). */
  abacPolicies?(file: AbacFileView): void;
  /** After the document. */
  end?(): void;
  /**
   * Relation rules: the whole project, after its files were linted (engine/project/relations.ts).
   * `replace(object)`: this rule's per-object findings on the object give way to what this visitor reports.
   */
  project?(index: ProjectIndex, report: RelationReporter, replace: RelationReplacer): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  create(ctx: RuleContext): RuleVisitors;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Fill `{{name}}` placeholders. Unknown placeholders are left visible. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  const parts = templateParts(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 3) {
    const key = parts[i]!;
    out += (Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : parts[i + 1]!) + parts[i + 2]!;
  }
  return out;
}

/** A template split once into [text, key, placeholder as written, text, key, placeholder, text...]. */
const TEMPLATES = new Map<string, string[]>();

function templateParts(template: string): string[] {
  let parts = TEMPLATES.get(template);
  if (!parts) {
    parts = [];
    const re = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
    let last = 0;
    for (let m = re.exec(template); m; m = re.exec(template)) {
      parts.push(template.slice(last, m.index), m[1]!, m[0]);
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    // Templates are the rules' message strings: a fixed, small set.
    if (TEMPLATES.size < 2048) TEMPLATES.set(template, parts);
  }
  return parts;
}

export type { Fix, Span };
