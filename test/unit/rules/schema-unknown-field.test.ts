import { test } from 'node:test';
import { assertFindings, dedent, findingsOf, settingsWith } from '../../helpers/rule-tester';

const deployment = dedent(`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    labls: {app: web}
  spec:
    selector: {matchLabels: {app: web}}
    replcas: 2
    template:
      metadata: {labels: {app: web}}
      spec:
        securityContex:
          runAsNonRoot: true
        containers:
          - name: web
            image: nginx:1.27
            securityContext:
              readOnlyRootFileSystem: true
              capabilities: {drp: [ALL]}
            resourcse: {}
`);

test('schema-unknown-field: typos at every level of a Deployment, with did-you-mean and security wording', () => {
  assertFindings(deployment, findingsOf('schema-unknown-field', deployment), [
    { at: 'labls', message: 'Unknown field "labls" in metadata: Kubernetes drops it. Did you mean "labels"?' },
    { at: 'replcas', message: 'Did you mean "replicas"?' },
    { at: 'securityContex', message: 'the setting is ignored and the container is not protected. Did you mean "securityContext"?' },
    { at: 'readOnlyRootFileSystem', message: 'Did you mean "readOnlyRootFilesystem"?' },
    { at: 'drp', message: 'not protected. Did you mean "drop"?' },
    { at: 'resourcse', message: 'Did you mean "resources"?' },
  ]);
});

test('schema-unknown-field: Pod, CronJob and Service typos; a correct object is clean', () => {
  const text = dedent(`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "* * * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              hostNetwrk: false
              containers: [{name: c, image: busybox:1.36}]
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: s}
    spec:
      ports: [{port: 80, targetPort: http, protocl: TCP}]
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers: [{name: p, image: busybox:1.36, ports: [{containerPort: 80}]}]
  `);
  assertFindings(text, findingsOf('schema-unknown-field', text), [
    { at: 'hostNetwrk', message: 'not protected. Did you mean "hostNetwork"?' },
    { at: 'protocl', message: 'Did you mean "protocol"?' },
  ]);
});

test('schema-unknown-field: a CRD is left alone except its metadata; kubeconfig files are not checked', () => {
  const text = dedent(`
    apiVersion: example.com/v1
    kind: Widget
    metadata:
      name: w
      namespac: x
    spec:
      anyField: anything
    ---
    apiVersion: v1
    kind: Config
    clusters: []
    current-context: dev
  `);
  assertFindings(text, findingsOf('schema-unknown-field', text), [{ at: 'namespac', message: 'Did you mean "namespace"?' }]);
});

test('schema-unknown-field: schemaValidation false turns the schema rules off', () => {
  assertFindings(deployment, findingsOf('schema-unknown-field', deployment, settingsWith({ schemaValidation: false })), []);
});

test('schema-unknown-field: pod fields of Kubernetes 1.31-1.36 and the newer cgroupOptions are known, typos in them are not', () => {
  const text = dedent(`
    apiVersion: v1
    kind: Pod
    metadata:
      name: newer
    spec:
      hostnameOverride: api-0
      resources: {limits: {cpu: "1", memory: 1Gi}}
      securityContext:
        supplementalGroupsPolicy: Strict
        seLinuxChangePolicy: MountOption
      containers:
        - name: app
          image: nginx:1.27
          restartPolicyRules:
            - action: Restart
              exitCodes: {operator: In, values: [42]}
          lifecycle:
            stopSignal: SIGUSR1
          securityContext:
            cgroupOptions: {mountMode: ReadWrite}
          env:
            - name: TOKEN_FILE
              valueFrom: {fileKeyRef: {volumeName: cfg, path: app.env, key: TOKEN}}
      volumes:
        - name: model
          image: {reference: "quay.io/acme/model:v1", pullPolicy: IfNotPresent}
        - name: certs
          projected:
            sources:
              - podCertificate: {keyType: ED25519, signerName: example.com/foo, credentialBundlePath: bundle.pem, userAnnotations: {a: b}}
              - podCertificate: {keyType: ED25519, signerName: example.com/foo, credentialBundelPath: typo.pem}
  `);
  assertFindings(text, findingsOf('schema-unknown-field', text), [{ at: 'credentialBundelPath', message: 'Did you mean "credentialBundlePath"?' }]);
});
