// abac-anonymous-access: anything granted to system:anonymous or system:unauthenticated.
import { jsonConfigRuleTests } from '../../helpers/json-config-tester';

const policy = (spec: string): string => `{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {${spec}}}`;

jsonConfigRuleTests('abac-anonymous-access', 'abac', {
  valid: [{ name: 'authenticated users only', text: policy('"group": "system:authenticated", "readonly": true, "nonResourcePath": "/healthz"') + '\n' }],
  invalid: [
    {
      name: 'the unauthenticated group, even read-only',
      text: policy('"group": "system:unauthenticated", "readonly": true, "nonResourcePath": "*"') + '\n',
      errors: [{ at: '"group": "system:unauthenticated"', message: 'without any credentials' }],
    },
    {
      name: 'the anonymous user',
      text: policy('"user": "system:anonymous", "namespace": "shop", "resource": "pods"') + '\n',
      errors: [{ at: '"user": "system:anonymous"' }],
    },
  ],
});
