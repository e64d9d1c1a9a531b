/**
 * What the daemon.json rules share: a boolean setting whose unsafe value is
 * also dockerd's default (`icc`, `userland-proxy`) or whose safe value must
 * be written (`live-restore`, `no-new-privileges`), reported where it is
 * written or, when absent, at the file's opening brace.
 */
import type { RuleContext } from '../../rule';
import type { FixKind } from '../../types';
import type { DockerDaemonView } from '../../views/docker-daemon';

export const DAEMON_DOC = 'https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file';

export interface FlagCheck {
  key: string;
  /** dockerd's value when the key is absent. */
  byDefault: boolean;
  /** The safe value. */
  safe: boolean;
  /** How adding the missing key is offered (a written value is only ever changed by a suggestion). */
  addKind: FixKind;
}

/** Report `key` when it is unsafe: messageId `written` (data: value) at the setting, `missing` at the brace. */
export function checkFlag(ctx: RuleContext, view: DockerDaemonView, check: FlagCheck): void {
  const { value, setting } = view.flag(check.key, check.byDefault);
  if (setting && setting.value.type !== 'boolean') return; // a wrong type: dockerd refuses the file; not this rule's concern
  if (value === check.safe) return;
  const safe = JSON.stringify(check.safe);
  if (setting) {
    const fixes = () => [{ title: `Set "${check.key}": ${safe}`, kind: 'suggestion' as const, edits: [view.replaceEdit(setting, safe)] }];
    ctx.report({ messageId: 'written', data: { value: String(value) }, at: setting.span, fixes });
    return;
  }
  const fixes = () => [{ title: `Add "${check.key}": ${safe}`, kind: check.addKind, edits: [view.insertEdit(check.key, safe)] }];
  ctx.report({ messageId: 'missing', at: view.anchorSpan, fixes });
}
