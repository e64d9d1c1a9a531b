import { defineRule } from '../../rule';
import { APISERVER_URL, CIS_KUBERNETES_URL, onComponents, reportMissing, reportSetting } from './shared';

/** Audit log retention the benchmark asks for: flag, minimum. */
const RETENTION: ReadonlyArray<[string, number]> = [
  ['audit-log-maxage', 30],
  ['audit-log-maxbackup', 10],
  ['audit-log-maxsize', 100],
];

/** No `--audit-log-path`; with one, retention flags missing or below the benchmark's values (a fix adds missing ones). */
export default defineRule({
  meta: {
    id: 'apiserver-audit-log',
    title: 'API server audit log missing or not retained',
    description:
      'Without --audit-log-path (and an --audit-policy-file) the API server keeps no record of who did what; with it, --audit-log-maxage, --audit-log-maxbackup and --audit-log-maxsize decide how long the record survives.',
    defaultSeverity: 'warning',
    category: 'cluster-config',
    fixable: 'fix',
    suggestions: true,
    messages: {
      noLog: '{{component}} has no --audit-log-path: no audit record of who did what is kept; write one (with --audit-policy-file) to a host path.',
      retentionMissing: '{{component}} writes an audit log without --{{flag}}: set it ({{minimum}} or more) so the log is kept long enough.',
      retentionLow: '{{component}} sets --{{flag}}={{value}}, below the benchmark\'s {{minimum}}: the audit log may be deleted before it is needed.',
    },
    references: {
      cis: ['1.2.16', '1.2.17', '1.2.18', '1.2.19'],
      urls: [APISERVER_URL, 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend', CIS_KUBERNETES_URL],
    },
  },
  create(ctx) {
    return onComponents(ctx, ['kube-apiserver'], (view) => {
      const path = view.flag('audit-log-path')?.value.trim();
      if (!path) {
        reportMissing(ctx, view, { messageId: 'noLog' });
        return;
      }
      if (path === '-') return; // standard output: the container runtime's log rotation applies
      for (const [flag, minimum] of RETENTION) {
        const s = view.flag(flag);
        if (!s || s.value.trim() === '') {
          reportMissing(ctx, view, { messageId: 'retentionMissing', data: { flag, minimum } }, { name: flag, value: String(minimum), kind: 'fix' });
          continue;
        }
        const n = Number(s.value);
        if (Number.isFinite(n) && n < minimum) reportSetting(ctx, view, s, { messageId: 'retentionLow', data: { flag, minimum, value: s.value }, severity: 'info' }, { value: String(minimum) });
      }
    });
  },
});
