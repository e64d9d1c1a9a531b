// Deterministic generator of realistic multi-document Kubernetes manifests for the
// benchmark: a mix of workloads (all eight kinds), Services, ConfigMaps, Secrets,
// ServiceAccounts, RBAC roles and bindings and Namespaces, about one in five of the
// workloads insecure in some way, so that every rule family has work to do.

/** Small deterministic PRNG (mulberry32), so every run lints the same text. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMAGES = [
  'nginx:1.27',
  'redis:7.4',
  'postgres:16.4',
  'registry.example.com/shop/api:2.14.3',
  'ghcr.io/example/worker:0.9.1',
  'busybox:1.36',
  'registry.k8s.io/pause:3.10@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a',
  'example/legacy-app',
];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** A deterministic random-looking credential of `n` characters. */
function token(r, n) {
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[Math.floor(r() * ALNUM.length)];
  return out;
}
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const ind = (text, n) => text.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');

function container(name, image, insecure, r) {
  const lines = [`- name: ${name}`, `  image: ${image}`, `  ports:`, `    - name: http`, `      containerPort: ${8000 + Math.floor(r() * 1000)}`];
  if (insecure) {
    const pick = Math.floor(r() * 5);
    lines.push('  securityContext:');
    if (pick === 0) lines.push('    privileged: true');
    else if (pick === 1) lines.push('    runAsUser: 0', '    allowPrivilegeEscalation: true');
    else if (pick === 2) lines.push('    capabilities:', '      add: ["NET_ADMIN", "SYS_TIME"]');
    else if (pick === 3) lines.push('    readOnlyRootFilesystem: false', '    runAsGroup: 0');
    else lines.push('    seccompProfile:', '      type: Unconfined');
  } else {
    lines.push('  securityContext:', '    allowPrivilegeEscalation: false', '    readOnlyRootFilesystem: true', '    capabilities:', '      drop: ["ALL"]');
  }
  lines.push(
    '  readinessProbe:',
    '    httpGet:',
    '      path: /readyz',
    '      port: http',
    '  resources:',
    '    requests:',
    `      cpu: ${50 + Math.floor(r() * 400)}m`,
  );
  const memory = 64 * (1 + Math.floor(r() * 8));
  lines.push(`      memory: ${memory}Mi`);
  // Most containers are limited; a limit below its request (rejected by the API server) only in insecure ones.
  if (r() < 0.7) lines.push('    limits:', `      cpu: "${1 + Math.floor(r() * 2)}"`, `      memory: ${insecure && r() < 0.2 ? memory / 2 : memory * 2}Mi`);
  lines.push(
    '  env:',
    '    - name: LOG_LEVEL',
    '      value: info',
    '    - name: POD_NAME',
    '      valueFrom:',
    '        fieldRef:',
    '          fieldPath: metadata.name',
    '    - name: DATABASE_HOST',
    '      value: db.internal.svc.cluster.local',
  );
  const credentials = r();
  if (insecure && credentials < 0.4) lines.push('    - name: DB_PASSWORD', `      value: ${token(r, 20)}`);
  else if (credentials < 0.6) lines.push('    - name: DB_PASSWORD', '      valueFrom:', '        secretKeyRef:', `          name: ${name}-db`, '          key: password');
  lines.push(
    '  volumeMounts:',
    '    - name: tmp',
    '      mountPath: /tmp',
  );
  return lines.join('\n');
}

function podSpec(name, insecure, r) {
  const lines = [];
  if (insecure && r() < 0.3) lines.push(r() < 0.5 ? 'hostNetwork: true' : 'hostPID: true');
  if (!insecure) lines.push(`serviceAccountName: ${name}`, 'automountServiceAccountToken: false');
  lines.push('securityContext:');
  if (insecure) lines.push('  fsGroup: 0');
  else lines.push('  runAsNonRoot: true', '  runAsUser: 10001', '  runAsGroup: 10001', '  seccompProfile:', '    type: RuntimeDefault');
  if (r() < 0.3) lines.push('initContainers:', ind(container('init', IMAGES[5], insecure && r() < 0.5, r), 2));
  lines.push('containers:', ind(container(name, IMAGES[Math.floor(r() * IMAGES.length)], insecure, r), 2));
  if (r() < 0.4) lines.push(ind(container('sidecar', IMAGES[1], false, r), 2));
  lines.push('volumes:', '  - name: tmp', '    emptyDir: {}');
  if (insecure && r() < 0.3) lines.push('  - name: docker', '    hostPath:', '      path: /var/run/docker.sock');
  return lines.join('\n');
}

const HEADS = {
  Pod: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

function workload(kind, i, r) {
  const name = `${kind.toLowerCase()}-${i}`;
  const insecure = r() < 0.2;
  const meta = `apiVersion: ${HEADS[kind]}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: team-${i % 17}\n  labels:\n    app.kubernetes.io/name: ${name}\n    app.kubernetes.io/part-of: shop`;
  const spec = podSpec(name, insecure, r);
  const template = `template:\n  metadata:\n    labels:\n      app.kubernetes.io/name: ${name}\n  spec:\n${ind(spec, 4)}`;
  const selector = `selector:\n  matchLabels:\n    app.kubernetes.io/name: ${name}`;
  switch (kind) {
    case 'Pod':
      return `${meta}\nspec:\n${ind(spec, 2)}`;
    case 'Job':
      return `${meta}\nspec:\n  backoffLimit: 2\n${ind(template, 2)}`;
    case 'CronJob':
      return `${meta}\nspec:\n  schedule: "${i % 60} 3 * * *"\n  jobTemplate:\n    spec:\n${ind(template, 6)}`;
    case 'ReplicationController':
      return `${meta}\nspec:\n  replicas: 2\n  selector:\n    app.kubernetes.io/name: ${name}\n${ind(template, 2)}`;
    case 'DaemonSet': // one pod per node: no replicas
      return `${meta}\nspec:\n${ind(selector, 2)}\n${ind(template, 2)}`;
    case 'StatefulSet':
      return `${meta}\nspec:\n  serviceName: ${name}\n  replicas: ${1 + (i % 4)}\n${ind(selector, 2)}\n${ind(template, 2)}`;
    default:
      return `${meta}\nspec:\n  replicas: ${1 + (i % 4)}\n${ind(selector, 2)}\n${ind(template, 2)}`;
  }
}

function service(i) {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: team-${i % 17}\nspec:\n  selector:\n    app.kubernetes.io/name: deployment-${i}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http`;
}

function configMap(i, r) {
  const leak = r() < 0.1 ? `\n  DATABASE_URL: postgres://shop:${token(r, 16)}@db.internal:5432/shop` : '';
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  namespace: team-${i % 17}\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: "checkout,search"${leak}\n  app.yaml: |\n    server:\n      port: 8080\n      timeout: 30s\n    cache:\n      ttl: 300`;
}

function secret(i, r) {
  const ns = `team-${i % 17}`;
  const head = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: secret-${i}\n  namespace: ${ns}\ntype: Opaque`;
  const x = r();
  if (x < 0.4) return `${head}\ndata:\n  username: ${b64('app')}\n  password: ${b64(token(r, 24))}`;
  if (x < 0.7) return `${head}\nstringData:\n  password: changeme\n  url: "\${DATABASE_URL}"`;
  return `${head}\nstringData:\n  config.yaml: |\n    endpoint: https://api.example.com\n    timeout: 30s`;
}

function serviceAccount(i) {
  return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: team-${i % 17}\nautomountServiceAccountToken: false`;
}

function role(i, r) {
  const ns = `team-${i % 17}`;
  const rules = [
    '  - apiGroups: [""]\n    resources: ["configmaps", "services"]\n    verbs: ["get", "list", "watch"]',
    '  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get", "list", "watch", "patch"]',
  ];
  const x = r();
  if (x < 0.15) rules.push('  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list"]');
  else if (x < 0.25) rules.push('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]');
  else if (x < 0.35) rules.push('  - apiGroups: [""]\n    resources: ["pods/exec"]\n    verbs: ["create"]');
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: role-${i}\n  namespace: ${ns}\nrules:\n${rules.join('\n')}`;
}

function roleBinding(i, r) {
  const ns = `team-${i % 17}`;
  const cluster = r() < 0.1;
  const roleRef = cluster ? 'kind: ClusterRole\n  name: cluster-admin' : `kind: Role\n  name: role-${i - 1}`;
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: binding-${i}\n  namespace: ${ns}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  ${roleRef}\nsubjects:\n  - kind: ServiceAccount\n    name: sa-${i}\n    namespace: ${ns}`;
}

function namespace(i, r) {
  const labels = r() < 0.7 ? '\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/warn: restricted' : '';
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${i % 17}${labels}`;
}

const KINDS = Object.keys(HEADS);

/** `count` YAML documents joined with `---`, identical for identical arguments. */
export function generateManifest(count, seed = 42) {
  const r = rng(seed + count);
  const docs = [];
  for (let i = 0; i < count; i++) {
    const x = r();
    if (x < 0.55) docs.push(`# workload ${i}\n${workload(KINDS[i % KINDS.length], i, r)}`);
    else if (x < 0.7) docs.push(service(i));
    else if (x < 0.8) docs.push(configMap(i, r));
    else if (x < 0.86) docs.push(secret(i, r));
    else if (x < 0.9) docs.push(serviceAccount(i));
    else if (x < 0.94) docs.push(role(i, r));
    else if (x < 0.98) docs.push(roleBinding(i, r));
    else docs.push(namespace(i, r));
  }
  return docs.join('\n---\n') + '\n';
}

const PACKAGES = ['ca-certificates', 'curl', 'git', 'openssl', 'tzdata', 'build-essential', 'python3', 'libpq-dev', 'jq', 'unzip'];

/**
 * A deterministic multi-stage Dockerfile of exactly `lines` lines: stages with
 * FROM, ARG, ENV, long RUN instructions with `\` continuation lines, COPY,
 * ADD, EXPOSE, USER, and here and there an insecure instruction, so that every
 * Dockerfile rule has work to do.
 */
export function generateDockerfile(lines, seed = 7) {
  const r = rng(seed + lines);
  const out = ['# syntax=docker/dockerfile:1', '# generated benchmark input'];
  let stage = 0;
  while (out.length < lines) {
    const insecure = r() < 0.2;
    out.push('', `# stage ${stage}`);
    out.push(insecure ? `FROM ${IMAGES[7]} AS stage${stage}` : `FROM ${IMAGES[Math.floor(r() * 6)]} AS stage${stage}`);
    out.push(`ARG VERSION=${stage}.${Math.floor(r() * 10)}.0`, `WORKDIR /src/stage${stage}`);
    out.push(`ENV APP_HOME=/src/stage${stage} \\`, `    LOG_LEVEL=info \\`, `    PORT=${8000 + stage}`);
    if (insecure) out.push(`ENV API_TOKEN=${token(r, 32)}`);
    const runs = 2 + Math.floor(r() * 3);
    for (let i = 0; i < runs && out.length < lines; i++) {
      out.push('RUN set -eux; \\', '    apt-get update; \\');
      const n = 4 + Math.floor(r() * 10);
      for (let j = 0; j < n; j++) out.push(`    apt-get install -y --no-install-recommends ${PACKAGES[Math.floor(r() * PACKAGES.length)]}=${1 + j}.${i}; \\`);
      if (insecure && i === 0) out.push('    curl -fsSL https://example.com/install.sh | sh; \\');
      out.push('    rm -rf /var/lib/apt/lists/*');
    }
    out.push(`COPY --chown=10001:10001 stage${stage}/ ./`);
    if (insecure) out.push('ADD . /app', 'USER root', 'EXPOSE 22');
    else out.push(`EXPOSE ${8000 + stage}`, 'USER 10001:10001', 'HEALTHCHECK CMD ["/app/healthcheck"]');
    stage++;
  }
  // Exactly `lines` lines: cut the last stage short (ending its RUN instruction) and close with an ENTRYPOINT.
  out.length = Math.max(1, lines - 1);
  out[out.length - 1] = out[out.length - 1].replace(/;? \\$/, '');
  out.push('ENTRYPOINT ["/app/server"]');
  return out.join('\n') + '\n';
}
