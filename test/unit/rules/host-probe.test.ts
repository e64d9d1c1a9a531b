import { podRuleTests } from '../../helpers/rule-tester';

podRuleTests('host-probe', {
  valid: [
    { name: 'no probes', podSpec: `containers:\n- name: web\n` },
    {
      name: 'probes and hooks without a host, or with an empty one',
      podSpec: `
        containers:
        - name: web
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
          readinessProbe:
            tcpSocket:
              port: 8080
              host: ""
          startupProbe:
            grpc:
              port: 9090
          lifecycle:
            preStop:
              exec:
                command: [sh, -c, sleep 5]
            postStart:
              httpGet: {path: /warm, port: 8080}
      `,
    },
  ],
  invalid: [
    {
      name: 'every probe and handler of an app container',
      podSpec: `
        containers:
        - name: web
          livenessProbe:
            httpGet:
              host: 169.254.169.254
              path: /latest/meta-data/
              port: 80
          readinessProbe:
            tcpSocket: {host: db.internal, port: 5432}
          startupProbe:
            httpGet:
              host: localhost
              port: 8080
          lifecycle:
            postStart:
              httpGet:
                host: 10.0.0.1
                port: 80
            preStop:
              tcpSocket:
                host: 10.0.0.2
                port: 22
      `,
      errors: [
        { at: 'host: 169.254.169.254', message: ['Container "web" sends its livenessProbe httpGet to host "169.254.169.254"', '(livenessProbe.httpGet.host)'] },
        { at: 'host: db.internal', message: '(readinessProbe.tcpSocket.host)' },
        { at: 'host: localhost', message: '(startupProbe.httpGet.host)' },
        { at: 'host: 10.0.0.1', message: ['lifecycle.postStart httpGet', '(lifecycle.postStart.httpGet.host)'] },
        { at: 'host: 10.0.0.2', message: '(lifecycle.preStop.tcpSocket.host)' },
      ],
    },
    {
      name: 'init (sidecar) and ephemeral containers',
      podSpec: `
        initContainers:
        - name: proxy
          restartPolicy: Always
          readinessProbe:
            httpGet: {host: 192.168.0.1, port: 15021}
        containers:
        - name: web
        ephemeralContainers:
        - name: debug
          lifecycle:
            preStop:
              httpGet:
                host: example.com
                port: 80
      `,
      errors: [
        { at: 'host: 192.168.0.1', message: 'Init container "proxy" sends its readinessProbe httpGet' },
        { at: 'host: example.com', message: 'Ephemeral container "debug" sends its lifecycle.preStop httpGet' },
      ],
    },
  ],
});
