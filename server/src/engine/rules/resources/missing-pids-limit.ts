import { defineRule } from '../../rule';
import { fixOf } from '../../fixes/rule-fixes';
import { setIn } from '../../fixes/yaml-edit';
import { isNoLimit } from '../../views/compose-values';

/** The pids limit a suggestion writes: enough for most services, far below a fork bomb. */
export const SUGGESTED_PIDS_LIMIT = 200;

/**
 * CIS Docker 5.29: a service without `pids_limit` (or
 * `deploy.resources.limits.pids`) can fork without bound: one fork bomb in
 * it exhausts the host's process table.
 */
export default defineRule({
  meta: {
    id: 'missing-pids-limit',
    title: 'No PIDs limit',
    description:
      'A container without a PIDs limit can create processes until the host runs out: a fork bomb, or a leak, in one container takes down every other one. Set pids_limit.',
    defaultSeverity: 'warning',
    category: 'resources',
    fixable: 'suggestion',
    messages: {
      missing: '{{owner}} has no PIDs limit (pids_limit or deploy.resources.limits.pids): a fork bomb in it exhausts the host.',
      none: '{{owner}} sets {{field}}: {{value}}, which Docker treats as no PIDs limit.',
    },
    references: {
      cisDocker: ['5.29'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#pids_limit'],
    },
  },
  create(ctx) {
    return {
      composeService(s) {
        if (!s.definesContainer || s.extendsRef() !== undefined) return;
        let none: { field: string; span: { start: number; end: number }; value: unknown; path: string[] } | undefined;
        for (const path of [['pids_limit'], ['deploy', 'resources', 'limits', 'pids']]) {
          const setting = s.setting(path);
          if (!setting || setting.value === null) continue;
          if (!isNoLimit(setting.value)) return;
          none ??= { field: path.join('.'), span: setting.span, value: setting.value, path };
        }
        // A limit is a value to choose: offered, never applied in bulk.
        if (none) {
          const path = none.path;
          const fixes = () => fixOf(`Set ${none.field}: ${SUGGESTED_PIDS_LIMIT}`, 'suggestion', setIn(s.doc, ctx.text, s.node, path, SUGGESTED_PIDS_LIMIT));
          ctx.report({ messageId: 'none', data: { owner: s.owner, field: none.field, value: String(none.value) }, at: none.span, container: s.name, fixes });
          return;
        }
        const fixes = () => fixOf(`Add pids_limit: ${SUGGESTED_PIDS_LIMIT}`, 'suggestion', setIn(s.doc, ctx.text, s.node, ['pids_limit'], SUGGESTED_PIDS_LIMIT));
        ctx.report({ messageId: 'missing', data: { owner: s.owner }, at: s.nameSpan, container: s.name, fixes });
      },
    };
  },
});
