/**
 * Which Pod Security controls an object's pod template fails, judged by the
 * engine's own Pod Security rules (the rules whose metadata names a PSS
 * control in `references.pss`), run at the given level whatever the user's
 * settings, suppressions and exemption annotations say: admission knows
 * nothing of those.
 *
 * The object is serialised and read back as kubectl reads it, so the rules
 * see the same values as when the file is linted. Pure; a rule that throws is
 * skipped (its own lint reports the failure).
 */
import { Document, parseDocument, type YAMLMap } from 'yaml';
import { DEFAULT_FIX_DEFAULTS } from '../../config/fix-defaults';
import { readAsKubectl } from '../../parse/kubectl-scalars';
import { YamlDocument } from '../../parse/yaml-document';
import { formatMessage, type Rule, type RuleContext } from '../../rule';
import { baselineRules } from '../../rules/baseline';
import { restrictedRules } from '../../rules/restricted';
import { ResourceView } from '../../views/resource';
import { DocumentViews, ObjectViews } from '../../views/view-set';
import type { PssControl } from './pod-security-admission';
import type { CustomWorkloads } from '../../views/workloads';

export interface PssFailure {
  ruleId: string;
  control: PssControl;
  /** The rule's message for the first place it fails. */
  message: string;
}

/** The rules that implement a Pod Security control. */
export const PSS_RULES: readonly Rule[] = [...baselineRules, ...restrictedRules].filter((r) => r.meta.references.pss !== undefined);

/** The controls `node` (a Kubernetes object; `custom`: the project's custom workloads) fails at `level`, one entry per failing rule, in registry order. */
export function pssFailures(node: YAMLMap, level: 'baseline' | 'restricted', custom?: CustomWorkloads): PssFailure[] {
  const out: PssFailure[] = [];
  const copy = new Document(undefined, { version: '1.1' });
  copy.contents = node.clone() as YAMLMap;
  const text = copy.toString({ lineWidth: 0 });
  const doc = parseDocument(text, { version: '1.1' });
  if (doc.errors.length > 0) return out;
  readAsKubectl(doc);
  const resource = ResourceView.from(new YamlDocument(doc));
  const pod = resource?.podSpec(custom);
  if (!resource || !pod) return out;
  const views = new ObjectViews(resource, new DocumentViews());
  for (const rule of PSS_RULES) {
    const control = rule.meta.references.pss!;
    if (rule.meta.level === 'restricted' && level === 'baseline') continue;
    let first: string | undefined;
    const ctx: RuleContext = {
      meta: rule.meta,
      options: {},
      profile: level,
      // Not read by Pod Security rules (image trust and fix values are other rules' concerns).
      trustedRegistries: [],
      fixDefaults: DEFAULT_FIX_DEFAULTS,
      text,
      views: views.document,
      report(d) {
        first ??= formatMessage(rule.meta.messages[d.messageId] ?? d.messageId, d.data);
      },
    };
    try {
      const visitors = rule.create(ctx);
      visitors.resource?.(resource);
      visitors.podSpec?.(pod);
      if (visitors.container) for (const c of pod.containers) visitors.container(c);
      visitors.end?.();
    } catch {
      continue;
    }
    if (first !== undefined) out.push({ ruleId: rule.meta.id, control, message: first });
  }
  return out;
}
