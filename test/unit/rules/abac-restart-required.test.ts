// abac-restart-required: once per ABAC policy file, at its first policy.
import { jsonConfigRuleTests } from '../../helpers/json-config-tester';

const policy = (spec: string): string => `{"apiVersion": "abac.authorization.kubernetes.io/v1beta1", "kind": "Policy", "spec": {${spec}}}`;

jsonConfigRuleTests('abac-restart-required', 'abac', {
  valid: [
    { name: 'no policy at all (comments only)', text: '# nothing granted\n' },
  ],
  invalid: [
    {
      name: 'once, at the first policy',
      text: `# team policies\n${policy('"user": "alice", "readonly": true, "resource": "pods"')}\n${policy('"user": "bob", "readonly": true, "resource": "pods"')}\n`,
      errors: [{ at: policy('"user": "alice", "readonly": true, "resource": "pods"'), message: 'API server restarts' }],
    },
  ],
});
