import type { Rule } from '../../rule';
import automountServiceAccountToken from './automount-service-account-token';
import defaultServiceAccount from './default-service-account';
import namespaceMissingPodSecurity from './namespace-missing-pod-security';
import defaultNamespace from './default-namespace';
import serviceAccountTokenSecret from './service-account-token-secret';

export const serviceAccountsRules: readonly Rule[] = [
  automountServiceAccountToken,
  defaultServiceAccount,
  namespaceMissingPodSecurity,
  defaultNamespace,
  serviceAccountTokenSecret,
];
