// abac-not-readonly: a policy without "readonly": true allows writes.
import { jsonConfigFixTests, jsonConfigRuleTests } from '../../helpers/json-config-tester';

const policy = (spec: string): string => `{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {${spec}}}`;

jsonConfigRuleTests('abac-not-readonly', 'abac', {
  valid: [{ name: 'readonly: true', text: policy('"user": "alice", "readonly": true, "namespace": "shop", "resource": "pods"') + '\n' }],
  invalid: [
    { name: 'readonly absent: the whole line', text: policy('"user": "bob", "namespace": "shop", "resource": "pods"') + '\n', errors: [{ at: policy('"user": "bob", "namespace": "shop", "resource": "pods"'), message: 'line 1' }] },
    { name: 'readonly: false', text: policy('"user": "bob", "readonly": false') + '\n', errors: [{ at: '"readonly": false' }] },
  ],
});

jsonConfigFixTests('abac-not-readonly', 'abac', [
  { name: 'adds readonly (a suggestion: the grantee loses writes)', text: policy('"user": "bob"') + '\n', kind: 'suggestion', expectedOutput: policy('"readonly": true, "user": "bob"') + '\n' },
  { name: 'sets a written false (a suggestion)', text: policy('"user": "bob", "readonly": false') + '\n', kind: 'suggestion', expectedOutput: policy('"user": "bob", "readonly": true') + '\n' },
]);
