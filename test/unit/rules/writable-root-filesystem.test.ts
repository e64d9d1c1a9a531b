import { podRuleTests, settingsWith } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

podRuleTests('writable-root-filesystem', {
  valid: [
    {
      name: 'readOnlyRootFilesystem: true on init, app and ephemeral containers',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {readOnlyRootFilesystem: true}
        containers:
        - name: web
          securityContext:
            readOnlyRootFilesystem: true
          volumeMounts:
          - {name: tmp, mountPath: /tmp}
        ephemeralContainers:
        - name: debug
          securityContext:
            readOnlyRootFilesystem: true
        volumes:
        - name: tmp
          emptyDir: {}
      `,
    },
    {
      name: 'Windows pods cannot set the field and are skipped',
      podSpec: `
        os: {name: windows}
        containers:
        - name: web
      `,
    },
  ],
  invalid: [
    {
      name: 'no securityContext: the container name is underlined',
      podSpec: `
        containers:
        - name: web
      `,
      errors: [{ at: 'name', occurrence: 1, message: 'Container "web" does not set securityContext.readOnlyRootFilesystem: true.' }],
    },
    {
      name: 'explicit false',
      podSpec: `
        containers:
        - name: web
          securityContext:
            readOnlyRootFilesystem: false
      `,
      errors: [{ at: 'readOnlyRootFilesystem: false', message: 'Container "web" has a writable root filesystem (securityContext.readOnlyRootFilesystem: false).' }],
    },
    {
      name: 'securityContext without the field; a pod-level securityContext does not count',
      podSpec: `
        securityContext:
          runAsNonRoot: true
        containers:
        - name: web
          securityContext:
            runAsNonRoot: true
      `,
      errors: [{ at: 'securityContext', occurrence: 1 }],
    },
    {
      name: 'init and ephemeral containers',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {readOnlyRootFilesystem: false}
        containers:
        - name: web
          securityContext: {readOnlyRootFilesystem: true}
        ephemeralContainers:
        - name: debug
      `,
      errors: [
        { at: 'readOnlyRootFilesystem: false', message: 'Init container "setup"' },
        { at: 'name', occurrence: 3, message: 'Ephemeral container "debug"' },
      ],
    },
    {
      name: 'a hardening rule: it also runs under profile baseline',
      settings: settingsWith({ profile: 'baseline' }),
      podSpec: `
        containers:
        - name: web
          securityContext: {}
      `,
      errors: [{ at: 'securityContext' }],
    },
  ],
});

podFixTests('writable-root-filesystem', [
  {
    name: 'readOnlyRootFilesystem: true (suggestion)',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  securityContext:\n    runAsNonRoot: true\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    securityContext:\n      runAsNonRoot: true\n      readOnlyRootFilesystem: true\n`,
  },
  { name: 'false -> true', kind: 'suggestion', podSpec: `containers:\n- name: web\n  securityContext: {readOnlyRootFilesystem: false}\n`, contains: ['{readOnlyRootFilesystem: true}'] },
]);
