import { podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('missing-cpu-request', {
  valid: [
    {
      name: 'explicit CPU requests',
      podSpec: `
        initContainers:
        - name: setup
          resources:
            requests:
              cpu: 50m
        containers:
        - name: web
          resources: {requests: {cpu: 0.25}}
      `,
    },
    {
      name: 'a CPU limit alone: the request defaults to the limit',
      podSpec: `
        initContainers:
        - name: setup
          resources:
            limits:
              cpu: 1
        containers:
        - name: web
          resources:
            limits:
              cpu: 500m
      `,
    },
    {
      name: 'pod-level CPU request',
      podSpec: `
        resources:
          requests:
            cpu: "2"
        containers:
        - name: web
        - name: sidecar
      `,
    },
  ],
  invalid: [
    {
      name: 'memory only',
      podSpec: `
        initContainers:
        - name: setup
          resources:
            requests:
              memory: 64Mi
            limits:
              memory: 64Mi
        containers:
        - name: web
        ephemeralContainers:
        - name: debug
      `,
      errors: [
        { at: 'requests', message: 'Init container "setup" has no CPU request (resources.requests.cpu, nor a limit it would default to).' },
        { at: 'name', occurrence: 2, message: 'Container "web"' },
      ],
    },
    {
      name: 'cpu: null is missing, at its key; a pod-level memory request does not cover CPU',
      podSpec: `
        resources:
          requests:
            memory: 1Gi
        containers:
        - name: web
          resources:
            requests:
              cpu: null
      `,
      errors: [{ at: 'cpu', message: 'Container "web"' }],
    },
  ],
});

podFixTests('missing-cpu-request', [
  {
    name: 'inserts the default request (suggestion)',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  resources:\n    limits:\n      memory: 256Mi\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    resources:\n      limits:\n        memory: 256Mi\n      requests:\n        cpu: 100m\n`,
  },
]);
