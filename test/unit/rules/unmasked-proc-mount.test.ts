import { podRuleTests, settingsWith } from '../../helpers/rule-tester';
import { podFixTests } from '../../helpers/fix-tester';

const baseline = settingsWith({ profile: 'baseline' });

podRuleTests('unmasked-proc-mount', {
  valid: [
    { name: 'not set', podSpec: `containers:\n- name: web\n` },
    {
      name: 'procMount: Default',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {procMount: Default}
        containers:
        - name: web
          securityContext:
            procMount: Default
      `,
    },
    {
      name: 'baseline profile: any procMount in a pod with a user namespace (policy 1.35)',
      settings: baseline,
      podSpec: `
        hostUsers: false
        containers:
        - name: web
          securityContext:
            procMount: Unmasked
        ephemeralContainers:
        - name: debug
          securityContext:
            procMount: Unmasked
      `,
    },
  ],
  invalid: [
    {
      name: 'containers of every kind',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {procMount: Unmasked}
        containers:
        - name: web
          securityContext:
            procMount: Unmasked
        ephemeralContainers:
        - name: debug
          securityContext:
            procMount: Unmasked
      `,
      errors: [
        { at: 'procMount: Unmasked', message: ['Init container "setup" unmasks /proc', '(securityContext.procMount: Unmasked)'] },
        { at: 'procMount: Unmasked', occurrence: 1, message: 'Container "web" unmasks /proc' },
        { at: 'procMount: Unmasked', occurrence: 2, message: 'Ephemeral container "debug" unmasks /proc' },
      ],
    },
    {
      name: 'any value other than Default',
      podSpec: `
        containers:
        - name: web
          securityContext:
            procMount: unmasked
      `,
      errors: [{ at: 'procMount: unmasked', message: 'sets securityContext.procMount to "unmasked"; only Default is allowed' }],
    },
    {
      name: 'restricted profile: hostUsers: false does not relax it',
      podSpec: `
        hostUsers: false
        containers:
        - name: web
          securityContext:
            procMount: Unmasked
      `,
      errors: [{ at: 'procMount: Unmasked', message: ['Container "web"', 'only under the baseline profile'] }],
    },
    {
      name: 'baseline profile: hostUsers must be the boolean false',
      settings: baseline,
      podSpec: `
        hostUsers: "false"
        containers:
        - name: web
          securityContext:
            procMount: Unmasked
      `,
      errors: [{ at: 'procMount: Unmasked', message: 'Container "web" unmasks /proc' }],
    },
  ],
});

podFixTests('unmasked-proc-mount', [
  {
    name: 'only key: securityContext becomes {}',
    kind: 'suggestion',
    podSpec: `containers:\n- name: web\n  securityContext:\n    procMount: Unmasked\n  image: nginx:1.27\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    securityContext: {}\n    image: nginx:1.27\n`,
  },
  { name: 'among other keys', kind: 'suggestion', podSpec: `containers:\n- name: web\n  securityContext:\n    runAsNonRoot: true\n    procMount: Unmasked # x\n    privileged: false\n` },
]);
