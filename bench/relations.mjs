// Relations mode of the benchmark (issue 19): `shipshape scan` (the built CLI, dist/cli.js) over a
// generated repository of plain manifests, with the relation rules on (the default) and with every
// relation rule (a rule with a `project` hook) set off through `--rule <id>=off`, each in a fresh
// process per run: wall time, findings and peak RSS. Acceptance: on / off at most 1.3.
//
//   node bench/run.mjs --relations [--relations-files 2000] [--relations-runs 3]   (needs `npm run build`)
//
// The repository: per app, a folder of Namespace (with Pod Security labels), ServiceAccount,
// Deployment, Service, Role, RoleBinding, NetworkPolicy and one more workload (a CronJob), 8 files an
// app; one app in four binds a home-made role that grants secrets, one in five names a ServiceAccount
// the project does not define, one in three has no NetworkPolicy selecting its pods.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanCli } from './cli-scan.mjs';

/** The rules with a `project` hook (engine/rule.ts); automount-service-account-token also lints each file, so "off" is a lower bound. */
export const RELATION_RULES = [
  'pod-security-admission',
  'service-account-not-found',
  'rbac-binding-resolved',
  'network-policy-missing',
  'network-policy-selects-nothing',
  'service-target-port-missing',
  'service-selects-nothing',
  'automount-service-account-token',
];

const FILES_PER_APP = 8;

const podSpec = (app, i) => `      serviceAccountName: ${i % 5 === 0 ? `${app}-missing` : app}
      securityContext:
        runAsNonRoot: ${i % 3 !== 0}
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: ${app}
          image: registry.example.com/${app}:1.${i % 10}.0
          ports:
            - containerPort: 8080
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          resources:
            limits: {cpu: 500m, memory: 256Mi}
            requests: {cpu: 100m, memory: 128Mi}
`;

const files = (app, i) => ({
  'namespace.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${app}\n  labels:\n    pod-security.kubernetes.io/enforce: ${i % 2 ? 'restricted' : 'baseline'}\n    pod-security.kubernetes.io/warn: restricted\n`,
  'serviceaccount.yaml': `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${app}\n  namespace: ${app}\nautomountServiceAccountToken: ${i % 2 === 0}\n`,
  'deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  namespace: ${app}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n        tier: web\n    spec:\n${podSpec(app, i)}`,
  'cronjob.yaml': `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${app}-job\n  namespace: ${app}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels:\n            app: ${app}-job\n        spec:\n          restartPolicy: OnFailure\n${podSpec(app, i).replace(/^/gm, '    ')}`,
  'service.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n  namespace: ${app}\nspec:\n  selector:\n    app: ${i % 7 === 0 ? `${app}-gone` : app}\n  ports:\n    - port: 80\n      targetPort: ${i % 6 === 0 ? 9090 : 8080}\n`,
  'role.yaml': `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${app}\n  namespace: ${app}\nrules:\n  - apiGroups: [""]\n    resources: [${i % 4 === 0 ? 'secrets' : 'configmaps'}]\n    verbs: [get, list]\n`,
  'rolebinding.yaml': `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${app}\n  namespace: ${app}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${i % 9 === 0 ? 'ClusterRole' : 'Role'}\n  name: ${i % 9 === 0 ? 'view' : app}\nsubjects:\n  - kind: ServiceAccount\n    name: ${app}\n    namespace: ${app}\n`,
  'networkpolicy.yaml': `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${app}\n  namespace: ${app}\nspec:\n  podSelector:\n${i % 3 === 0 ? `    matchLabels:\n      app: ${app}-other\n` : `    matchLabels:\n      app: ${app}\n`}  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector: {}\n`,
});

/** Writes the repository (about `count` files) under a new temporary folder; returns it. */
export function generateRelationsRepo(count) {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-bench-relations-'));
  const apps = Math.max(1, Math.round(count / FILES_PER_APP));
  for (let i = 0; i < apps; i++) {
    const app = `app${String(i).padStart(4, '0')}`;
    mkdirSync(join(root, app), { recursive: true });
    for (const [name, text] of Object.entries(files(app, i))) writeFileSync(join(root, app, name), text);
  }
  return { root, files: apps * FILES_PER_APP, apps };
}

function scanOnce(cli, root, extra) {
  const { ms, rssKb, report } = scanCli(cli, root, extra);
  const relation = report.findings.filter((f) => RELATION_RULES.includes(f.ruleId)).length;
  return { ms, rssKb, findings: report.findings.length, relation };
}

/** Runs the mode; `fmt` helpers come from run.mjs so the tables look the same. */
export function relationsBench({ cli, files: count, runs, table, fmtStats, fmtMb, fmtRatio, median }) {
  const repo = generateRelationsRepo(count);
  try {
    console.log(`Relations mode: \`shipshape scan <repo> --format json\` on a generated repository of ${repo.files.toLocaleString('en-US')} files (${repo.apps} apps: namespace, service account, deployment, cronjob, service, role, binding, network policy), a fresh CLI process per run, ${runs} runs after one warm-up, alternating the two modes.`);
    const modes = [
      { name: 'relation rules on (default)', extra: [] },
      { name: 'relation rules off', extra: RELATION_RULES.flatMap((id) => ['--rule', `${id}=off`]) },
    ];
    for (const m of modes) scanOnce(cli, repo.root, m.extra);
    const results = modes.map(() => []);
    for (let i = 0; i < runs; i++) modes.forEach((m, j) => results[j].push(scanOnce(cli, repo.root, m.extra)));
    const rows = modes.map((m, j) => {
      const rs = results[j];
      return [m.name, runs, fmtStats(rs.map((r) => r.ms)), fmtMb(Math.max(...rs.map((r) => r.rssKb))), rs[0].findings.toLocaleString('en-US'), rs[0].relation.toLocaleString('en-US')];
    });
    console.log(table(['mode', 'runs', 'scan ms', 'peak RSS', 'findings', 'relation-rule findings'], rows));
    const on = median(results[0].map((r) => r.ms));
    const off = median(results[1].map((r) => r.ms));
    console.log(`on / off: ${fmtRatio(on / off)} (medians; acceptance: at most 1.3x)`);
  } finally {
    rmSync(repo.root, { recursive: true, force: true });
  }
}
