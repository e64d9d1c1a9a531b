import { podRuleTests } from '../../helpers/rule-tester';

podRuleTests('windows-host-process', {
  valid: [
    { name: 'not set', podSpec: `containers:\n- name: web\n` },
    {
      name: 'hostProcess: false and other windowsOptions',
      podSpec: `
        securityContext:
          windowsOptions:
            hostProcess: false
            runAsUserName: ContainerUser
        containers:
        - name: web
          securityContext:
            windowsOptions: {hostProcess: false}
      `,
    },
    {
      name: 'string "true" is not a boolean',
      podSpec: `
        containers:
        - name: web
          securityContext:
            windowsOptions:
              hostProcess: "true"
      `,
    },
  ],
  invalid: [
    {
      name: 'pod level',
      podSpec: `
        securityContext:
          windowsOptions:
            hostProcess: true
            runAsUserName: "NT AUTHORITY\\\\SYSTEM"
        hostNetwork: true
        containers:
        - name: web
      `,
      errors: [{ at: 'hostProcess: true', message: ['Pod runs its containers as Windows HostProcess containers', '(securityContext.windowsOptions.hostProcess: true)'] }],
    },
    {
      name: 'containers of every kind',
      podSpec: `
        initContainers:
        - name: setup
          securityContext: {windowsOptions: {hostProcess: true}}
        containers:
        - name: web
          securityContext:
            windowsOptions:
              hostProcess: true
        ephemeralContainers:
        - name: debug
          securityContext:
            windowsOptions:
              hostProcess: true
      `,
      errors: [
        { at: 'hostProcess: true', message: 'Init container "setup" runs as a Windows HostProcess container' },
        { at: 'hostProcess: true', occurrence: 1, message: 'Container "web" runs as a Windows HostProcess container' },
        { at: 'hostProcess: true', occurrence: 2, message: 'Ephemeral container "debug"' },
      ],
    },
  ],
});
