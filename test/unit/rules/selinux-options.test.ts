import { podRuleTests } from '../../helpers/rule-tester';

podRuleTests('selinux-options', {
  valid: [
    { name: 'no seLinuxOptions', podSpec: `containers:\n- name: web\n` },
    {
      name: 'allowed types and a level at both levels',
      podSpec: `
        securityContext:
          seLinuxOptions:
            type: container_t
            level: "s0:c123,c456"
        initContainers:
        - name: setup
          securityContext:
            seLinuxOptions: {type: container_init_t}
        containers:
        - name: web
          securityContext:
            seLinuxOptions:
              type: container_kvm_t
        ephemeralContainers:
        - name: debug
          securityContext:
            seLinuxOptions:
              type: container_engine_t
      `,
    },
    {
      name: 'empty type, user and role',
      podSpec: `
        containers:
        - name: web
          securityContext:
            seLinuxOptions:
              type: ""
              user: ""
              role: ""
      `,
    },
  ],
  invalid: [
    {
      name: 'pod level custom type',
      podSpec: `
        securityContext:
          seLinuxOptions:
            type: spc_t
        containers:
        - name: web
      `,
      errors: [{ at: 'type: spc_t', message: ['Pod sets SELinux type "spc_t"', 'container_engine_t'] }],
    },
    {
      name: 'user and role in every kind of container, one finding per field',
      podSpec: `
        initContainers:
        - name: setup
          securityContext:
            seLinuxOptions: {user: system_u}
        containers:
        - name: web
          securityContext:
            seLinuxOptions:
              user: system_u
              role: system_r
              type: container_t
        ephemeralContainers:
        - name: debug
          securityContext:
            seLinuxOptions:
              type: unconfined_t
      `,
      errors: [
        { at: 'user: system_u', message: 'Init container "setup" sets a custom SELinux user (seLinuxOptions.user: system_u)' },
        { at: 'user: system_u', occurrence: 1, message: 'Container "web" sets a custom SELinux user' },
        { at: 'role: system_r', message: 'Container "web" sets a custom SELinux role (seLinuxOptions.role: system_r)' },
        { at: 'type: unconfined_t', message: 'Ephemeral container "debug" sets SELinux type "unconfined_t"' },
      ],
    },
  ],
});
