/**
 * The compose side of `missing-memory-limit` and `missing-cpu-limit`: a
 * service that runs a container without `mem_limit` / `cpus` (or
 * `deploy.resources.limits`) is as unbounded as a `docker run` without
 * `--memory` / `--cpus`.
 */
import type { RuleContext } from '../../rule';
import { LIMIT_FIELDS, type ComposeResource, type ComposeServiceView } from '../../views/compose';
import { nodeSpan } from '../../views/yaml-node';

export const COMPOSE_LIMIT_MESSAGES: Readonly<Record<string, string>> = {
  composeMissing: '{{owner}} has no {{resource}} limit ({{fields}}).',
  composeNone: '{{owner}} sets {{field}}: {{value}}, which Docker treats as no {{resource}} limit.',
};

const LABEL: Record<ComposeResource, string> = { memory: 'memory', cpu: 'CPU' };

/** Report a service without an effective limit for `resource`. */
export function checkComposeLimit(ctx: RuleContext, s: ComposeServiceView, resource: ComposeResource): void {
  const limit = s.limit(resource);
  const data = { owner: s.owner, resource: LABEL[resource] };
  if (limit.state === 'none') {
    const at = nodeSpan(limit.setting.pair.value);
    const value = at ? ctx.text.slice(at.start, at.end) : String(limit.setting.value);
    ctx.report({ messageId: 'composeNone', data: { ...data, field: limit.field, value }, at: limit.setting.span, container: s.name });
  } else if (limit.state === 'missing') {
    const fields = LIMIT_FIELDS[resource].filter((p) => p[0] !== 'cpu_quota').map((p) => p.join('.')).join(' or ');
    const deployPath = LIMIT_FIELDS[resource][LIMIT_FIELDS[resource].length - 1]!;
    ctx.report({ messageId: 'composeMissing', data: { ...data, fields }, at: s.nearestSpan(deployPath), container: s.name });
  }
}
