// Deterministic generator of realistic multi-document Kubernetes manifests for the
// benchmark: a mix of workloads (all eight kinds), Services, ConfigMaps and the like,
// about one in five of the workloads insecure in some way.

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

const IMAGES = ['nginx:1.27', 'redis:7.4', 'postgres:16.4', 'registry.example.com/shop/api:2.14.3', 'ghcr.io/example/worker:0.9.1', 'busybox:1.36'];
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
    `      memory: ${64 * (1 + Math.floor(r() * 8))}Mi`,
    '  env:',
    '    - name: LOG_LEVEL',
    '      value: info',
    '    - name: POD_NAME',
    '      valueFrom:',
    '        fieldRef:',
    '          fieldPath: metadata.name',
    '  volumeMounts:',
    '    - name: tmp',
    '      mountPath: /tmp',
  );
  return lines.join('\n');
}

function podSpec(name, insecure, r) {
  const lines = [];
  if (insecure && r() < 0.3) lines.push(r() < 0.5 ? 'hostNetwork: true' : 'hostPID: true');
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
    default:
      return `${meta}\nspec:\n  replicas: ${1 + (i % 4)}\n${ind(selector, 2)}\n${ind(template, 2)}`;
  }
}

function service(i) {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: team-${i % 17}\nspec:\n  selector:\n    app.kubernetes.io/name: deployment-${i}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http`;
}

function configMap(i) {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  namespace: team-${i % 17}\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: "checkout,search"\n  app.yaml: |\n    server:\n      port: 8080\n      timeout: 30s\n    cache:\n      ttl: 300`;
}

const KINDS = Object.keys(HEADS);

/** `count` YAML documents joined with `---`, identical for identical arguments. */
export function generateManifest(count, seed = 42) {
  const r = rng(seed + count);
  const docs = [];
  for (let i = 0; i < count; i++) {
    const x = r();
    if (x < 0.6) docs.push(`# workload ${i}\n${workload(KINDS[i % KINDS.length], i, r)}`);
    else if (x < 0.85) docs.push(service(i));
    else docs.push(configMap(i));
  }
  return docs.join('\n---\n') + '\n';
}
