import type { Rule } from '../../rule';
import kubeconfigInsecureTls from './kubeconfig-insecure-tls';
import kubeconfigPlainHttp from './kubeconfig-plain-http';
import kubeconfigBasicAuth from './kubeconfig-basic-auth';
import kubeconfigPlaintextToken from './kubeconfig-plaintext-token';
import kubeconfigDanglingReference from './kubeconfig-dangling-reference';

/** Kubeconfig files: how kubectl reaches the cluster and who it claims to be. */
export const kubeconfigRules: readonly Rule[] = [
  kubeconfigInsecureTls,
  kubeconfigPlainHttp,
  kubeconfigBasicAuth,
  kubeconfigPlaintextToken,
  kubeconfigDanglingReference,
];
