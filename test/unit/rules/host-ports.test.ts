import { podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('host-ports', {
  valid: [
    { name: 'no ports', podSpec: `containers:\n- name: web\n` },
    {
      name: 'containerPort only',
      podSpec: `
        containers:
        - name: web
          ports:
          - containerPort: 8080
            protocol: TCP
      `,
    },
    {
      name: 'hostPort: 0 means no host port',
      podSpec: `
        containers:
        - name: web
          ports:
          - containerPort: 8080
            hostPort: 0
      `,
    },
  ],
  invalid: [
    {
      name: 'app container, one port of two',
      podSpec: `
        containers:
        - name: web
          ports:
          - containerPort: 8080
          - containerPort: 8443
            hostPort: 443
      `,
      errors: [{ at: 'hostPort: 443', message: ['Container "web"', 'port 443', '(ports[].hostPort: 443)'] }],
    },
    {
      name: 'init and ephemeral containers',
      podSpec: `
        initContainers:
        - name: setup
          ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]
        containers:
        - name: web
        ephemeralContainers:
        - name: debug
          ports:
          - hostPort: 9000
            containerPort: 9000
      `,
      errors: [
        { at: 'hostPort: 53', message: 'Init container "setup"' },
        { at: 'hostPort: 9000', message: 'Ephemeral container "debug"' },
      ],
    },
  ],
});

podFixTests('host-ports', [
  {
    name: 'removes hostPort (a suggestion)',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  ports:\n  - containerPort: 80\n    hostPort: 8080\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    ports:\n    - containerPort: 80\n`,
  },
  { name: 'hostPort first in the port item', kind: 'suggestion', podSpec: `containers:\n- name: web\n  ports:\n    - hostPort: 8080\n      containerPort: 80\n      protocol: TCP\n`, contains: ['    - containerPort: 80\n'] },
]);
