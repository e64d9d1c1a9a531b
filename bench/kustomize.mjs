// Kustomize mode of the benchmark (issue 18): `shipshape scan` (the built CLI, dist/cli.js) over a
// generated repository of kustomize bases and overlays, with the builds on (the default) and with
// `--no-kustomize`, each in a fresh process per run: wall time, findings and peak RSS.
//
//   node bench/run.mjs --kustomize [--kustomize-files 2000] [--kustomize-runs 3]   (needs `npm run build`)
//
// The repository: per app, a base (kustomization, Deployment, Service, ConfigMap) and three overlays
// (dev, staging, prod: a kustomization and a strategic merge patch each), 10 files an app. The
// overlays set namespaces, name prefixes, labels, images and replicas and patch env, resources and
// security settings (about one dev overlay in five makes the container privileged).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanCli } from './cli-scan.mjs';

const FILES_PER_APP = 10;

const deployment = (app, i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      serviceAccountName: ${app}
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: ${i % 3 !== 0}
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: ${app}
          image: registry.example.com/${app}:1.${i % 10}.0
          ports:
            - containerPort: 8080
          envFrom:
            - configMapRef:
                name: ${app}-config
          securityContext:
            privileged: false
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: ${i % 4 !== 0}
            capabilities:
              drop: [ALL]
          resources:
            limits: {cpu: 500m, memory: 256Mi}
            requests: {cpu: 100m, memory: 128Mi}
`;

const base = (app) => ({
  'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - service.yaml\n  - configmap.yaml\n',
  'service.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  selector:\n    app: ${app}\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
  'configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-config\ndata:\n  MODE: base\n  LOG_LEVEL: info\n`,
});

const overlay = (app, env, i) => {
  const patch =
    env === 'prod'
      ? `spec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          resources:\n            limits: {cpu: "1", memory: 512Mi}\n`
      : env === 'staging'
        ? `spec:\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          env:\n            - name: MODE\n              value: staging\n`
        : `spec:\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          securityContext:\n            privileged: ${i % 5 === 0}\n            readOnlyRootFilesystem: false\n`;
  return {
    'kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${app}-${env}\nnamePrefix: ${env}-\nlabels:\n  - pairs:\n      env: ${env}\nresources:\n  - ../../base\nimages:\n  - name: registry.example.com/${app}\n    newTag: 1.${i % 10}.${env === 'prod' ? 1 : 2}\npatches:\n  - path: patch.yaml\n`,
    'patch.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n${patch}`,
  };
};

/** Writes the repository (about `files` files) under a new temporary folder; returns it. */
export function generateKustomizeRepo(files) {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-bench-kustomize-'));
  const apps = Math.max(1, Math.round(files / FILES_PER_APP));
  for (let i = 0; i < apps; i++) {
    const app = `app${String(i).padStart(4, '0')}`;
    const write = (dir, content) => {
      mkdirSync(join(root, app, dir), { recursive: true });
      for (const [name, text] of Object.entries(content)) writeFileSync(join(root, app, dir, name), text);
    };
    write('base', { ...base(app), 'deployment.yaml': deployment(app, i) });
    for (const env of ['dev', 'staging', 'prod']) write(join('overlays', env), overlay(app, env, i));
  }
  return { root, files: apps * FILES_PER_APP, apps };
}

function scanOnce(cli, root, extra) {
  const { ms, rssKb, report } = scanCli(cli, root, extra);
  const inPatches = report.findings.filter((f) => f.file.endsWith('/patch.yaml')).length;
  const builds = report.findings.filter((f) => f.ruleId === 'kustomize-build').length;
  return { ms, rssKb, findings: report.findings.length, inPatches, buildProblems: builds };
}

/** Runs the mode; `fmt` helpers come from run.mjs so the tables look the same. */
export function kustomizeBench({ cli, files, runs, table, fmtStats, fmtMb, fmtRatio, median }) {
  const repo = generateKustomizeRepo(files);
  try {
    console.log(`Kustomize mode: \`shipshape scan <repo> --format json\` on a generated repository of ${repo.files.toLocaleString('en-US')} files (${repo.apps} apps: a base and 3 overlays each, ${repo.apps * 3} root builds), a fresh CLI process per run, ${runs} runs after one warm-up, alternating the two modes.`);
    const modes = [
      { name: 'kustomize (default)', extra: [] },
      { name: '--no-kustomize', extra: ['--no-kustomize'] },
    ];
    for (const m of modes) scanOnce(cli, repo.root, m.extra);
    const results = modes.map(() => []);
    for (let i = 0; i < runs; i++) modes.forEach((m, j) => results[j].push(scanOnce(cli, repo.root, m.extra)));
    const rows = modes.map((m, j) => {
      const rs = results[j];
      return [m.name, runs, fmtStats(rs.map((r) => r.ms)), fmtMb(Math.max(...rs.map((r) => r.rssKb))), rs[0].findings.toLocaleString('en-US'), rs[0].inPatches.toLocaleString('en-US'), rs[0].buildProblems];
    });
    console.log(table(['mode', 'runs', 'scan ms', 'peak RSS', 'findings', 'in patch files', 'kustomize-build'], rows));
    const on = median(results[0].map((r) => r.ms));
    const off = median(results[1].map((r) => r.ms));
    console.log(`kustomize / --no-kustomize: ${fmtRatio(on / off)} (medians)`);
  } finally {
    rmSync(repo.root, { recursive: true, force: true });
  }
}
