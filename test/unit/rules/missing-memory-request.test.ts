import { podRuleTests, settingsWith } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('missing-memory-request', {
  valid: [
    {
      name: 'explicit requests in init and app containers; ephemeral containers skipped',
      podSpec: `
        initContainers:
        - name: setup
          resources: {requests: {memory: 32Mi}}
        containers:
        - name: web
          resources:
            requests:
              memory: 256Mi
        ephemeralContainers:
        - name: debug
      `,
    },
    {
      name: 'a memory limit alone: the request defaults to the limit',
      podSpec: `
        containers:
        - name: web
          resources:
            limits:
              memory: 512Mi
      `,
    },
    {
      name: 'an explicit zero request is a request',
      podSpec: `
        containers:
        - name: web
          resources:
            requests:
              memory: 0
      `,
    },
    {
      name: 'pod-level requests or limits cover every container',
      podSpec: `
        resources:
          requests:
            memory: 1Gi
        containers:
        - name: web
      `,
    },
    {
      name: 'a pod-level limit alone covers every container (pod-level requests default to it)',
      podSpec: `
        resources:
          limits:
            memory: 1Gi
        containers:
        - name: web
      `,
    },
  ],
  invalid: [
    {
      name: 'nothing set: at the name',
      podSpec: `
        initContainers:
        - name: setup
        containers:
        - name: web
      `,
      errors: [
        { at: 'name', occurrence: 1, message: 'Init container "setup" has no memory request (resources.requests.memory, nor a limit it would default to).' },
        { at: 'name', occurrence: 2, message: 'Container "web"' },
      ],
    },
    {
      name: 'requests without memory, and a CPU-only limit, underline requests and resources',
      podSpec: `
        containers:
        - name: web
          resources:
            requests:
              cpu: 100m
        - name: sidecar
          resources:
            limits:
              cpu: 100m
      `,
      errors: [
        { at: 'requests', message: 'Container "web"' },
        { at: 'resources', occurrence: 1, message: 'Container "sidecar"' },
      ],
    },
    {
      name: 'a zero limit defaults the request to zero: still no request',
      podSpec: `
        containers:
        - name: web
          resources:
            limits:
              memory: "0"
      `,
      errors: [{ at: 'resources', message: 'Container "web"' }],
    },
  ],
});

podFixTests('missing-memory-request', [
  { name: 'inserts the default request (suggestion)', kind: 'suggestion', podSpec: `containers:\n- name: web\n  image: nginx:1.27\n`, matches: [/\n( *)resources:\n\1  requests:\n\1    memory: 128Mi\n/] },
  { name: 'configured default', kind: 'suggestion', settings: settingsWith({ fixes: { defaultResources: { memoryRequest: '64Mi' } } }), podSpec: `containers:\n- name: web\n`, contains: ['memory: 64Mi'] },
]);
