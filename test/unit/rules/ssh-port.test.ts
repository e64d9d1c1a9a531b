import { podRuleTests } from '../../helpers/rule-tester';

podRuleTests('ssh-port', {
  valid: [
    {
      name: 'other ports, UDP 22, and port 22 as a host port only',
      podSpec: `
        containers:
        - name: web
          ports:
          - name: http
            containerPort: 8080
          - containerPort: 22
            protocol: UDP
          - containerPort: 2022
            hostPort: 22
          - name: sshd-metrics
            containerPort: 9100
      `,
    },
    {
      name: 'a string "22" is not a port number (the API rejects it)',
      podSpec: `
        containers:
        - name: web
          ports:
          - containerPort: "22"
      `,
    },
  ],
  invalid: [
    {
      name: 'containerPort 22 over TCP (explicit or default) in init and app containers',
      podSpec: `
        initContainers:
        - name: keys
          restartPolicy: Always
          ports:
          - containerPort: 22
            protocol: TCP
        containers:
        - name: git
          ports:
          - name: ssh
            containerPort: 22
        ephemeralContainers:
        - name: debug
          ports:
          - containerPort: 22
      `,
      errors: [
        { at: 'containerPort: 22', message: 'Init container "keys" exposes port 22 (SSH).' },
        { at: 'containerPort: 22', occurrence: 1, message: 'Container "git" exposes port 22 (SSH).' },
      ],
    },
    {
      name: 'a port named ssh on another number',
      podSpec: `
        containers:
        - name: gitea
          ports:
          - name: http
            containerPort: 3000
          - name: ssh
            containerPort: 2222
      `,
      errors: [{ at: 'name: ssh', message: 'Container "gitea" exposes a port named "ssh" (containerPort 2222).' }],
    },
  ],
});
