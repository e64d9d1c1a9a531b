/**
 * The compose side of `missing-memory-limit` and `missing-cpu-limit`: a
 * service that runs a container without `mem_limit` / `cpus` (or
 * `deploy.resources.limits`) is as unbounded as a `docker run` without
 * `--memory` / `--cpus`.
 */
import type { RuleContext } from '../../rule';
import { LIMIT_FIELDS, type ComposeResource, type ComposeServiceView } from '../../views/compose';
import { nodeSpan } from '../../views/yaml-node';
import { parseQuantity } from '../../views/quantity';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';

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
    const fixes = () => composeLimitFix(ctx, s, resource, limit.field.split('.'));
    ctx.report({ messageId: 'composeNone', data: { ...data, field: limit.field, value }, at: limit.setting.span, container: s.name, fixes });
  } else if (limit.state === 'missing') {
    const fields = LIMIT_FIELDS[resource].filter((p) => p[0] !== 'cpu_quota').map((p) => p.join('.')).join(' or ');
    const deployPath = LIMIT_FIELDS[resource][LIMIT_FIELDS[resource].length - 1]!;
    const fixes = () => composeLimitFix(ctx, s, resource, [resource === 'memory' ? 'mem_limit' : 'cpus']);
    ctx.report({ messageId: 'composeMissing', data: { ...data, fields }, at: s.nearestSpan(deployPath), container: s.name, fixes });
  }
}

/**
 * Suggestion: the configured default limit (`fixes.defaultResources`),
 * converted to Docker's units (`256Mi` -> `mem_limit: 256m`, `500m` -> `cpus: 0.5`),
 * set at `path` (the field that said "no limit", else `mem_limit` / `cpus`).
 */
function composeLimitFix(ctx: RuleContext, s: ComposeServiceView, resource: ComposeResource, path: string[]): Fix[] | undefined {
  const limits = ctx.fixDefaults.resources;
  const q = parseQuantity(resource === 'memory' ? limits.memoryLimit : limits.cpuLimit);
  if (!q || q.nanos <= 0n) return undefined;
  const field = path[path.length - 1];
  let value: string | number;
  if (resource === 'memory') {
    const bytes = (q.nanos + 999_999_999n) / 1_000_000_000n;
    value = bytes % 1048576n === 0n ? `${bytes / 1048576n}m` : bytes % 1024n === 0n ? `${bytes / 1024n}k` : `${bytes}b`;
  } else if (field === 'cpu_quota') {
    return undefined; // microseconds per period: no simple conversion
  } else {
    const whole = q.nanos / 1_000_000_000n;
    const frac = (q.nanos % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
    value = Number(frac ? `${whole}.${frac}` : `${whole}`);
    if (path.length > 1) value = String(value); // deploy.resources.limits.cpus is a string in the Compose Specification
  }
  return fixOf(`Set ${path.join('.')}: ${value}`, 'suggestion', setIn(s.doc, ctx.text, s.node, path, value));
}
