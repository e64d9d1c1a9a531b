// Pod templates in kinds other than the built-in workloads: OpenShift DeploymentConfig, Argo Rollouts,
// Knative Service/Configuration/Revision (views/workloads.ts, keyed by API group and kind), and any object
// whose spec.template.spec.containers (or spec.jobTemplate.spec.template.spec.containers) lists containers
// with an image. The reproduction of issue 16 (a privileged DeploymentConfig passed) is the first case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintYaml } from '../../../server/src/engine/lint';
import { RULE_IDS } from '../../../server/src/engine/rules';
import { assertFindings, dedent, findingsOf, settingsWith } from '../../helpers/rule-tester';
import { assertFix } from '../../helpers/fix-tester';

const EVERY_RULE = settingsWith({ rules: Object.fromEntries([...RULE_IDS].map((id) => [id, 'info'])) });

const DEPLOYMENT_CONFIG = dedent(`
  apiVersion: apps.openshift.io/v1
  kind: DeploymentConfig
  metadata:
    name: frontend
  spec:
    replicas: 2
    selector:
      name: frontend
    triggers:
    - type: ConfigChange
    template:
      metadata:
        labels:
          name: frontend
      spec:
        containers:
        - name: helloworld
          image: openshift/origin-ruby-sample:latest
          securityContext:
            privileged: true
`);

/** The kind and name every finding of `text` names as its object. */
const objectsOf = (text: string): string[] => [...new Set(lintYaml(text).map((f) => `${f.object?.kind}/${f.object?.name}`))];

test('issue 16: a privileged container in an OpenShift DeploymentConfig is reported', () => {
  assertFindings(DEPLOYMENT_CONFIG, findingsOf('privileged-container', DEPLOYMENT_CONFIG), [{ at: 'privileged: true', message: 'Container "helloworld"' }]);
  assertFindings(DEPLOYMENT_CONFIG, findingsOf('image-latest-tag', DEPLOYMENT_CONFIG), [{ at: 'openshift/origin-ruby-sample:latest' }]);
  assert.deepEqual(objectsOf(DEPLOYMENT_CONFIG), ['DeploymentConfig/frontend']);
});

test('a legacy `apiVersion: v1` DeploymentConfig (OpenShift 3) is a workload, even with its image left to an ImageChange trigger', () => {
  const text = DEPLOYMENT_CONFIG.replace('apps.openshift.io/v1', 'v1').replace(/^ *image: .*\n/m, '');
  assert.ok(!text.includes('image:'), text);
  assertFindings(text, findingsOf('privileged-container', text), [{ at: 'privileged: true' }]);
});

const ROLLOUT = dedent(`
  apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata:
    name: canary
  spec:
    replicas: 5
    strategy:
      canary:
        steps:
        - setWeight: 20
        - pause: {}
    selector:
      matchLabels:
        app: canary
    template:
      metadata:
        labels:
          app: canary
      spec:
        hostNetwork: true
        containers:
        - name: canary
          image: argoproj/rollouts-demo:blue
          securityContext:
            privileged: true
`);

test('an Argo Rollout\'s pod template is linted', () => {
  assertFindings(ROLLOUT, findingsOf('privileged-container', ROLLOUT), [{ at: 'privileged: true' }]);
  assertFindings(ROLLOUT, findingsOf('host-network', ROLLOUT), [{ at: 'hostNetwork: true' }]);
  assert.deepEqual(objectsOf(ROLLOUT), ['Rollout/canary']);
});

test('a Rollout that references a Deployment (spec.workloadRef) has no pod spec of its own: no pod finding', () => {
  const text = dedent(`
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata:
      name: ref
      namespace: shop
    spec:
      replicas: 5
      workloadRef:
        apiVersion: apps/v1
        kind: Deployment
        name: web
      strategy:
        canary:
          steps:
          - setWeight: 20
  `);
  assert.deepEqual(lintYaml(text, { settings: EVERY_RULE }), []);
});

const KNATIVE_SERVICE = dedent(`
  apiVersion: serving.knative.dev/v1
  kind: Service
  metadata:
    name: hello
  spec:
    template:
      metadata:
        annotations:
          autoscaling.knative.dev/min-scale: "1"
      spec:
        containerConcurrency: 10
        containers:
        - image: ghcr.io/knative/helloworld-go:latest
          ports:
          - containerPort: 8080
          securityContext:
            privileged: true
`);

test('a Knative Service\'s template spec is a pod spec; the core Service of the same name is not a workload', () => {
  // Knative containers may go without a name: the message numbers them.
  assertFindings(KNATIVE_SERVICE, findingsOf('privileged-container', KNATIVE_SERVICE), [{ at: 'privileged: true', message: 'Container "#1"' }]);
  assert.deepEqual(objectsOf(KNATIVE_SERVICE), ['Service/hello']);
  const configuration = KNATIVE_SERVICE.replace('kind: Service', 'kind: Configuration');
  assertFindings(configuration, findingsOf('privileged-container', configuration), [{ at: 'privileged: true' }]);
  const core = dedent(`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      selector:
        app: web
      ports:
      - port: 80
  `);
  assert.deepEqual(lintYaml(core), []);
});

test('a Knative Revision\'s spec is the pod spec', () => {
  const text = dedent(`
    apiVersion: serving.knative.dev/v1
    kind: Revision
    metadata:
      name: hello-00001
    spec:
      hostPID: true
      containers:
      - image: ghcr.io/knative/helloworld-go@sha256:0000000000000000000000000000000000000000000000000000000000000000
        securityContext:
          privileged: true
  `);
  assertFindings(text, findingsOf('privileged-container', text), [{ at: 'privileged: true' }]);
  assertFindings(text, findingsOf('host-pid', text), [{ at: 'hostPID: true' }]);
  // Revisions are created by their Configuration: not a bare pod, even with bare-pod on.
  assert.deepEqual(findingsOf('bare-pod', text, EVERY_RULE), []);
});

test('any custom resource whose spec.template.spec.containers lists images is a workload', () => {
  const cloneSet = dedent(`
    apiVersion: apps.kruise.io/v1alpha1
    kind: CloneSet
    metadata:
      name: sample
    spec:
      replicas: 3
      selector:
        matchLabels:
          app: sample
      template:
        metadata:
          labels:
            app: sample
        spec:
          initContainers:
          - name: setup
            image: busybox:1.36
            securityContext:
              privileged: true
          containers:
          - name: main
            image: nginx:1.27
  `);
  assertFindings(cloneSet, findingsOf('privileged-container', cloneSet), [{ at: 'privileged: true', message: 'Init container "setup"' }]);
  assert.deepEqual(objectsOf(cloneSet), ['CloneSet/sample']);
  const scheduled = dedent(`
    apiVersion: batch.example.com/v1
    kind: ScheduledTask
    metadata:
      name: nightly
    spec:
      jobTemplate:
        spec:
          template:
            spec:
              containers:
              - name: task
                image: task:1.0
                securityContext:
                  privileged: true
  `);
  assertFindings(scheduled, findingsOf('privileged-container', scheduled), [{ at: 'privileged: true' }]);
});

test('a custom resource is not taken for a workload unless every container is a map with an image', () => {
  const make = (containers: string) => dedent(`
    apiVersion: example.com/v1
    kind: Widget
    metadata:
      name: w
      namespace: apps
    spec:
      template:
        spec:
          hostNetwork: true
          containers:
  `) + containers;
  assert.deepEqual(lintYaml(make('          - name: no-image\n            securityContext:\n              privileged: true\n'), { settings: EVERY_RULE }), []);
  assert.deepEqual(lintYaml(make('          - just-a-name\n'), { settings: EVERY_RULE }), []);
  assert.deepEqual(lintYaml(make('          []\n'), { settings: EVERY_RULE }), []);
  const workload = make('          - name: c\n            image: x:1\n');
  assertFindings(workload, findingsOf('host-network', workload), [{ at: 'hostNetwork: true' }]);
});

test('built-in workload kinds in older API groups stay linted', () => {
  for (const [apiVersion, kind] of [
    ['extensions/v1beta1', 'Deployment'],
    ['apps/v1beta2', 'StatefulSet'],
    ['extensions/v1beta1', 'DaemonSet'],
  ]) {
    const text = dedent(`
      apiVersion: ${apiVersion}
      kind: ${kind}
      metadata:
        name: old
      spec:
        template:
          spec:
            containers:
            - name: c
              image: x:1
              securityContext:
                privileged: true
    `);
    assertFindings(text, findingsOf('privileged-container', text), [{ at: 'privileged: true' }]);
  }
  const cron = dedent(`
    apiVersion: batch/v1beta1
    kind: CronJob
    metadata:
      name: old
    spec:
      schedule: "@daily"
      jobTemplate:
        spec:
          template:
            spec:
              containers:
              - name: c
                securityContext:
                  privileged: true
  `);
  // A built-in kind needs no image to be read as a workload.
  assertFindings(cron, findingsOf('privileged-container', cron), [{ at: 'privileged: true' }]);
});

test('schema validation of these kinds covers their metadata only', () => {
  const text = DEPLOYMENT_CONFIG.replace('  name: frontend\nspec:', '  name: frontend\n  labelz: {}\nspec:').replace(
    '          privileged: true',
    '          privileged: true\n        securityContex: {}',
  );
  assertFindings(text, findingsOf('schema-unknown-field', text), [{ at: 'labelz', message: 'Did you mean "labels"' }]);
  assert.deepEqual(findingsOf('schema-required', text), []);
});

test('fixes apply in these kinds\' pod templates: the output parses and the finding is gone', () => {
  for (const text of [DEPLOYMENT_CONFIG, ROLLOUT, KNATIVE_SERVICE]) {
    assertFix(text, 'seccomp-profile-missing', { kind: 'fix', title: 'pod' });
    assertFix(text, 'capabilities-not-dropped', { kind: 'fix' });
  }
});

const POD_TEMPLATE = dedent(`
  apiVersion: v1
  kind: PodTemplate
  metadata:
    name: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: run
        image: registry.example/worker:1.2
        securityContext:
          privileged: true
`);

test('a core PodTemplate is linted as a workload at its `template` (as kube-linter and Pod Security admission read it)', () => {
  assertFindings(POD_TEMPLATE, findingsOf('privileged-container', POD_TEMPLATE), [{ at: 'privileged: true', message: 'Container "run"' }]);
  assert.deepEqual(objectsOf(POD_TEMPLATE), ['PodTemplate/worker']);
  // A kind of that name in another group is not the core PodTemplate, and its `template` is not read.
  const other = POD_TEMPLATE.replace('apiVersion: v1', 'apiVersion: example.com/v1');
  assert.deepEqual(findingsOf('privileged-container', other), []);
});

test('a rule whose visitors are a class instance (methods not enumerable) is still run on every container', async () => {
  const { defineRule } = await import('../../../server/src/engine/rule');
  const { RULES } = await import('../../../server/src/engine/rules');
  const base = RULES.find((r) => r.meta.id === 'privileged-container')!;
  const seen: string[] = [];
  class Visitors {
    container(c: { name: string }): void {
      seen.push(c.name);
    }
  }
  // The rule's meta (an enabled id), its visitors a class instance.
  const probe = defineRule({ meta: base.meta, create: () => new Visitors() as never });
  lintYaml(DEPLOYMENT_CONFIG, { rules: [probe] });
  assert.deepEqual(seen, ['helloworld']);
});
