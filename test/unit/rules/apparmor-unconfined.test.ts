import { test } from 'node:test';
import { assertFindings, dedent, findingsOf, podRuleTests } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

const KEY = 'container.apparmor.security.beta.kubernetes.io';

podRuleTests('apparmor-unconfined', {
  valid: [
    { name: 'nothing set', podSpec: `containers:\n- name: web\n` },
    {
      name: 'allowed annotation values',
      podSpec: `containers:\n- name: web\n- name: sidecar\n- name: tools\n`,
      annotations: `
        ${KEY}/web: runtime/default
        ${KEY}/sidecar: localhost/k8s-apparmor-example-deny-write
        ${KEY}/tools: ""
        seccomp.security.alpha.kubernetes.io/pod: unconfined
      `,
    },
    {
      name: 'RuntimeDefault and Localhost fields',
      podSpec: `
        securityContext:
          appArmorProfile:
            type: RuntimeDefault
        containers:
        - name: web
          securityContext:
            appArmorProfile:
              type: Localhost
              localhostProfile: k8s-apparmor-example-deny-write
      `,
    },
  ],
  invalid: [
    {
      name: 'legacy annotation on the pod template',
      podSpec: `containers:\n- name: web\n`,
      annotations: `${KEY}/web: unconfined\n`,
      errors: [{ at: `${KEY}/web: unconfined`, message: ['AppArmor is disabled for container "web"', `${KEY}/web: unconfined`] }],
    },
    {
      name: 'annotation with a profile that is neither runtime/default nor localhost/*',
      podSpec: `containers:\n- name: web\n`,
      annotations: `${KEY}/web: docker-default\n`,
      errors: [{ at: `${KEY}/web: docker-default`, message: ['AppArmor profile "docker-default" for container "web"', 'localhost/<profile>'] }],
    },
    {
      name: 'pod level field',
      podSpec: `
        securityContext:
          appArmorProfile:
            type: Unconfined
        containers:
        - name: web
      `,
      errors: [{ at: 'type: Unconfined', message: ['Pod runs without AppArmor', '(securityContext.appArmorProfile.type: Unconfined)'] }],
    },
    {
      name: 'container fields of every kind',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {appArmorProfile: {type: Unconfined}}
        containers:
        - name: web
          securityContext:
            appArmorProfile:
              type: runtime/default
        ephemeralContainers:
        - name: debug
          securityContext:
            appArmorProfile:
              type: Unconfined
      `,
      errors: [
        { at: 'type: Unconfined', message: 'Init container "setup" runs without AppArmor' },
        { at: 'type: runtime/default', message: ['Container "web" sets securityContext.appArmorProfile.type to "runtime/default"', 'RuntimeDefault and Localhost'] },
        { at: 'type: Unconfined', occurrence: 1, message: 'Ephemeral container "debug" runs without AppArmor' },
      ],
    },
  ],
});

test('apparmor-unconfined: annotations of a controller itself are not the pod template', () => {
  const text = dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      annotations:
        ${KEY}/web: unconfined
    spec:
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
          annotations:
            ${KEY}/web: runtime/default
        spec:
          containers:
          - name: web
  `);
  assertFindings(text, findingsOf('apparmor-unconfined', text), []);
});

podFixTests('apparmor-unconfined', [
  { name: 'type Unconfined -> RuntimeDefault', kind: 'suggestion', podSpec: `containers:\n- name: web\n  securityContext:\n    appArmorProfile:\n      type: Unconfined\n`, contains: ['type: RuntimeDefault'] },
  {
    name: 'annotation unconfined -> runtime/default',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n`,
    annotations: `container.apparmor.security.beta.kubernetes.io/web: unconfined\n`,
    contains: ['container.apparmor.security.beta.kubernetes.io/web: runtime/default'],
  },
]);
