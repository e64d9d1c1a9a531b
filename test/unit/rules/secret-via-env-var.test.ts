import { podRuleTests } from '../../helpers/rule-tester';

podRuleTests('secret-via-env-var', {
  valid: [
    { name: 'no env', podSpec: `containers:\n- name: web\n` },
    {
      name: 'literal values, ConfigMap references and the downward API',
      podSpec: `
        containers:
        - name: web
          env:
          - name: LOG_LEVEL
            value: info
          - name: FEATURE_FLAGS
            valueFrom:
              configMapKeyRef: {name: app, key: flags}
          - name: POD_IP
            valueFrom:
              fieldRef: {fieldPath: status.podIP}
          envFrom:
          - configMapRef:
              name: app
          - prefix: APP_
            configMapRef:
              name: extra
      `,
    },
    {
      name: 'the Secret mounted as files',
      podSpec: `
        containers:
        - name: web
          env:
          - name: DB_PASSWORD_FILE
            value: /var/run/secrets/db/password
          volumeMounts:
          - name: db
            mountPath: /var/run/secrets/db
            readOnly: true
        volumes:
        - name: db
          secret:
            secretName: db
      `,
    },
    {
      name: 'secretRef: null is no reference',
      podSpec: `
        containers:
        - name: web
          envFrom:
          - secretRef:
            configMapRef: {name: app}
      `,
    },
  ],
  invalid: [
    {
      name: 'secretKeyRef in every container kind',
      podSpec: `
        initContainers:
        - name: migrate
          env:
          - name: DATABASE_URL
            valueFrom:
              secretKeyRef:
                name: orders-db
                key: url
        containers:
        - name: web
          env:
          - name: DB_PASSWORD
            valueFrom:
              secretKeyRef: {name: orders-db, key: password, optional: false}
        ephemeralContainers:
        - name: debug
          env:
          - name: TOKEN
            valueFrom:
              secretKeyRef: {name: debug-token}
      `,
      errors: [
        { at: 'secretKeyRef', message: ['Env var "DATABASE_URL" of Init container "migrate" reads key "url" of Secret "orders-db"', '(valueFrom.secretKeyRef)', 'CIS 5.4.1'] },
        { at: 'secretKeyRef', occurrence: 1, message: 'Env var "DB_PASSWORD" of Container "web" reads key "password" of Secret "orders-db"' },
        { at: 'secretKeyRef', occurrence: 2, message: 'Env var "TOKEN" of Ephemeral container "debug" reads Secret "debug-token"' },
      ],
    },
    {
      name: 'envFrom secretRef, next to a configMapRef',
      podSpec: `
        containers:
        - name: web
          envFrom:
          - configMapRef:
              name: app
          - prefix: DB_
            secretRef:
              name: orders-db
          - secretRef: {}
      `,
      errors: [
        { at: 'secretRef', message: ['Container "web" loads every key of Secret "orders-db" into its environment (envFrom[].secretRef)', 'mounting the Secret as a file'] },
        { at: 'secretRef', occurrence: 1, message: 'Secret "(unnamed)"' },
      ],
    },
  ],
});
