import { podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('missing-memory-limit', {
  valid: [
    {
      name: 'init and app containers set a memory limit; ephemeral containers cannot have resources',
      podSpec: `
        initContainers:
        - name: setup
          resources:
            limits: {memory: 64Mi}
        containers:
        - name: web
          resources:
            limits:
              memory: 1Gi
        ephemeralContainers:
        - name: debug
      `,
    },
    {
      name: 'a pod-level memory limit covers every container',
      podSpec: `
        resources:
          limits:
            memory: 2Gi
        initContainers:
        - name: setup
        containers:
        - name: web
      `,
    },
    {
      name: 'a limit the API would reject (not a quantity) is still a limit for this rule',
      podSpec: `
        containers:
        - name: web
          resources:
            limits:
              memory: lots
      `,
    },
  ],
  invalid: [
    {
      name: 'no resources at all: each container at its name, ephemeral skipped',
      podSpec: `
        initContainers:
        - name: setup
        containers:
        - name: web
        ephemeralContainers:
        - name: debug
      `,
      errors: [
        { at: 'name', occurrence: 1, message: 'Init container "setup" has no memory limit (resources.limits.memory).' },
        { at: 'name', occurrence: 2, message: 'Container "web" has no memory limit' },
      ],
    },
    {
      name: 'resources: {} underlines resources, limits without memory underlines limits',
      podSpec: `
        initContainers:
        - name: setup
          resources: {}
        containers:
        - name: web
          resources:
            requests:
              memory: 128Mi
            limits:
              cpu: 500m
      `,
      errors: [
        { at: 'resources', message: 'Init container "setup"' },
        { at: 'limits', message: 'Container "web"' },
      ],
    },
    {
      name: 'memory: null and an empty string are missing, underlined at their key',
      podSpec: `
        containers:
        - name: web
          resources:
            limits:
              memory:
        - name: sidecar
          resources:
            limits:
              memory: ""
      `,
      errors: [
        { at: 'memory', message: 'Container "web"' },
        { at: 'memory', occurrence: 1, message: 'Container "sidecar"' },
      ],
    },
    {
      name: 'a zero limit means no limit',
      podSpec: `
        containers:
        - name: web
          resources:
            limits:
              memory: 0Mi
      `,
      errors: [{ at: 'memory: 0Mi', message: 'sets resources.limits.memory: 0Mi, which Kubernetes treats as no memory limit' }],
    },
    {
      name: 'a pod-level limit of 0 covers nothing; a pod-level cpu limit does not cover memory',
      podSpec: `
        resources:
          limits:
            cpu: "1"
            memory: 0
        containers:
        - name: web
      `,
      errors: [{ at: 'name', occurrence: 1, message: 'Container "web"' }],
    },
    {
      name: 'a memory request alone is not a limit',
      podSpec: `
        containers:
        - name: web
          resources:
            requests:
              memory: 256Mi
      `,
      errors: [{ at: 'resources' }],
    },
  ],
});

podFixTests('missing-memory-limit', [
  { name: 'inserts the default limit (suggestion)', kind: 'suggestion', podSpec: `initContainers:\n- name: setup\n  resources: {requests: {memory: 64Mi}}\ncontainers:\n- name: web\n  resources:\n    limits: {memory: 1Gi}\n`, contains: ['resources: {requests: {memory: 64Mi}, limits: {memory: 256Mi}}'] },
  { name: 'never below the request', kind: 'suggestion', podSpec: `containers:\n- name: web\n  resources:\n    requests:\n      memory: 1Gi\n`, matches: [/limits:\n +memory: 1Gi\n/] },
]);
