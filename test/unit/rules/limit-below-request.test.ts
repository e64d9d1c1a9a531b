import { podRuleTests } from '../../helpers/rule-tester';

podRuleTests('limit-below-request', {
  valid: [
    {
      name: 'limits equal to or above the requests, across units',
      podSpec: `
        initContainers:
        - name: setup
          resources:
            requests: {cpu: 500m, memory: 1G}
            limits: {cpu: 0.5, memory: 1000M}
        containers:
        - name: web
          resources:
            requests:
              cpu: 1
              memory: 512Mi
              ephemeral-storage: 1Gi
            limits:
              cpu: 1500m
              memory: 1G
              ephemeral-storage: 1Gi
      `,
    },
    {
      name: 'exponents and numbers: 1e3 vs 1k, 2 vs 2000m',
      podSpec: `
        containers:
        - name: web
          resources:
            requests:
              cpu: 2000m
              memory: 1k
            limits:
              cpu: 2
              memory: 1e3
      `,
    },
    {
      name: 'only one side set, or a value that is not a quantity',
      podSpec: `
        containers:
        - name: web
          resources:
            requests:
              cpu: 2
              memory: lots
            limits:
              memory: 1Gi
              nvidia.com/gpu: 1
      `,
    },
    {
      name: 'ephemeral containers are skipped (the API rejects resources there)',
      podSpec: `
        containers:
        - name: web
        ephemeralContainers:
        - name: debug
          resources:
            requests: {cpu: 2}
            limits: {cpu: 1}
      `,
    },
  ],
  invalid: [
    {
      name: '500m limit below a request of 1, 512Mi limit below 1G',
      podSpec: `
        containers:
        - name: web
          resources:
            requests:
              cpu: 1
              memory: 1G
            limits:
              cpu: 500m
              memory: 512Mi
      `,
      errors: [
        { at: 'cpu: 500m', message: 'Container "web": resources.limits.cpu (500m) is lower than resources.requests.cpu (1); the API server rejects this.' },
        { at: 'memory: 512Mi', message: 'resources.limits.memory (512Mi) is lower than resources.requests.memory (1G)' },
      ],
    },
    {
      name: 'init container, exponent notation and quoted numbers',
      podSpec: `
        initContainers:
        - name: setup
          resources:
            requests:
              memory: "1e9"
              ephemeral-storage: 2Gi
            limits:
              memory: 999999999
              ephemeral-storage: "2147483647"
      `,
      errors: [
        { at: 'memory: 999999999', message: ['Init container "setup"', '(999999999)', '(1e9)'] },
        { at: 'ephemeral-storage: "2147483647"', message: 'ephemeral-storage' },
      ],
    },
    {
      name: 'differences beyond double precision',
      podSpec: `
        containers:
        - name: web
          resources:
            requests:
              memory: 9007199254740993
            limits:
              memory: 9007199254740992
      `,
      errors: [{ at: 'memory: 9007199254740992', message: '(9007199254740992)' }],
    },
    {
      name: 'pod-level resources',
      podSpec: `
        resources:
          requests:
            cpu: 4
          limits:
            cpu: 3999m
        containers:
        - name: web
      `,
      errors: [{ at: 'cpu: 3999m', message: "The pod's resources.limits.cpu (3999m) is lower than its resources.requests.cpu (4)" }],
    },
  ],
});
