import { podRuleTests } from '../../helpers/rule-tester';

podRuleTests('root-group', {
  valid: [
    {
      name: 'non-zero groups at pod and container level',
      podSpec: `
        securityContext:
          runAsGroup: 10001
          fsGroup: 10001
          supplementalGroups: [10002, 10003]
        initContainers:
        - name: setup
          securityContext: {runAsGroup: 10001}
        containers:
        - name: web
        ephemeralContainers:
        - name: debug
          securityContext:
            runAsGroup: 20000
      `,
    },
    {
      name: 'unset groups are not reported (the image decides)',
      podSpec: `
        containers:
        - name: web
      `,
    },
    {
      name: 'the string "0" is not GID 0 (the API rejects it)',
      podSpec: `
        securityContext:
          fsGroup: "0"
        containers:
        - name: web
      `,
    },
    {
      name: 'user-namespaced pods (hostUsers: false) are relaxed like runAsUser: 0',
      podSpec: `
        hostUsers: false
        securityContext:
          runAsGroup: 0
          fsGroup: 0
        containers:
        - name: web
      `,
    },
  ],
  invalid: [
    {
      name: 'pod-level supplementalGroups item, runAsGroup and fsGroup',
      podSpec: `
        securityContext:
          supplementalGroups: [5, 0]
          runAsGroup: 0
          fsGroup: 0
        containers:
        - name: web
      `,
      errors: [
        { at: '0', message: 'The pod adds the root group (0) to securityContext.supplementalGroups.' },
        { at: 'runAsGroup: 0', message: 'The pod runs its containers in the root group (securityContext.runAsGroup: 0).' },
        { at: 'fsGroup: 0', message: 'The pod gives its volumes to the root group (securityContext.fsGroup: 0).' },
      ],
    },
    {
      name: 'container-level runAsGroup: 0 in init, app and ephemeral containers; pod-level 0 reported even when overridden',
      podSpec: `
        securityContext:
          runAsGroup: 0
        initContainers:
        - name: setup
          securityContext: {runAsGroup: 0}
        containers:
        - name: web
          securityContext:
            runAsGroup: 1000
        ephemeralContainers:
        - name: debug
          securityContext:
            runAsGroup: 0
      `,
      errors: [
        { at: 'runAsGroup: 0', message: 'The pod runs' },
        { at: 'runAsGroup: 0', occurrence: 1, message: 'Init container "setup" runs in the root group (securityContext.runAsGroup: 0).' },
        { at: 'runAsGroup: 0', occurrence: 2, message: 'Ephemeral container "debug"' },
      ],
    },
  ],
});
