import { defineRule } from '../../rule';
import { fixOf } from '../../fixes/rule-fixes';
import { replaceNode } from '../../fixes/yaml-edit';
import { asMap, getPair, pairSpan, scalarValue } from '../../views/yaml-node';

/**
 * CIS Docker 5.15: restart `always` (or `unless-stopped`) restarts a failing
 * container forever. A container that crashes on an attack, or is made to
 * crash, then keeps the host busy; `on-failure` with a maximum number of
 * attempts (the benchmark suggests 5) bounds it.
 */
export default defineRule({
  meta: {
    id: 'restart-policy-unlimited',
    title: 'Restart policy without a limit',
    description:
      'restart: always (or unless-stopped, or a deploy.restart_policy without max_attempts) restarts a failing container forever: a crash loop, or an attacker crashing it on purpose, costs the host without end. Use on-failure with a maximum number of attempts.',
    defaultSeverity: 'info',
    category: 'hardening',
    fixable: 'suggestion',
    messages: {
      restart: '{{owner}} has restart: {{policy}}, which restarts it without limit. Use on-failure:5.',
      deploy: '{{owner}} has a deploy.restart_policy (condition {{condition}}) without max_attempts: it is restarted without limit.',
    },
    references: {
      cisDocker: ['5.15'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#restart', 'https://docs.docker.com/reference/compose-file/deploy/#restart_policy'],
    },
  },
  create(ctx) {
    return {
      composeService(s) {
        const restart = s.setting(['restart']);
        if (restart && (restart.value === 'always' || restart.value === 'unless-stopped')) {
          const fixes = () => fixOf('Set restart: on-failure:5', 'suggestion', replaceNode(s.doc, ctx.text, restart.pair.value, 'on-failure:5'));
          ctx.report({ messageId: 'restart', data: { owner: s.owner, policy: String(restart.value) }, at: restart.span, container: s.name, fixes });
        }
        const policyPair = s.pair(['deploy', 'restart_policy']);
        const policy = asMap(policyPair?.value, s.doc);
        if (!policy || !policyPair) return;
        const condition = scalarValue(getPair(policy, 'condition')?.value, s.doc) ?? 'any';
        if (condition === 'none') return;
        const max = scalarValue(getPair(policy, 'max_attempts')?.value, s.doc);
        if (typeof max === 'number' && max > 0) return;
        ctx.report({ messageId: 'deploy', data: { owner: s.owner, condition: String(condition) }, at: pairSpan(getPair(policy, 'max_attempts')) ?? s.nearestSpan(['deploy', 'restart_policy']), container: s.name });
      },
    };
  },
});
