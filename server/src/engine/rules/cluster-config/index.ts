import type { Rule } from '../../rule';
import apiserverAnonymousAuth from './apiserver-anonymous-auth';
import apiserverTokenAuthFile from './apiserver-token-auth-file';
import apiserverAuthorizationMode from './apiserver-authorization-mode';
import apiserverAdmissionPlugins from './apiserver-admission-plugins';
import apiserverKubeletTls from './apiserver-kubelet-tls';
import apiserverTls from './apiserver-tls';
import apiserverEtcdTls from './apiserver-etcd-tls';
import apiserverAuditLog from './apiserver-audit-log';
import apiserverEncryptionProvider from './apiserver-encryption-provider';
import apiserverServiceAccountTokens from './apiserver-service-account-tokens';
import controlPlaneProfiling from './control-plane-profiling';
import controlPlaneBindAddress from './control-plane-bind-address';
import controllerManagerCredentials from './controller-manager-credentials';
import etcdTls from './etcd-tls';
import weakTlsCipherSuites from './weak-tls-cipher-suites';
import kubeletAnonymousAuth from './kubelet-anonymous-auth';
import kubeletAuthorizationMode from './kubelet-authorization-mode';
import kubeletClientCa from './kubelet-client-ca';
import kubeletReadOnlyPort from './kubelet-read-only-port';
import kubeletHardening from './kubelet-hardening';
import kubeletCertificateRotation from './kubelet-certificate-rotation';
import encryptionConfigWeakProvider from './encryption-config-weak-provider';

/**
 * Cluster configuration files (CIS Kubernetes Benchmark sections 1, 2 and 4):
 * control-plane static pod manifests and kubeadm ClusterConfigurations,
 * KubeletConfiguration and EncryptionConfiguration files.
 */
export const clusterConfigRules: readonly Rule[] = [
  apiserverAnonymousAuth,
  apiserverTokenAuthFile,
  apiserverAuthorizationMode,
  apiserverAdmissionPlugins,
  apiserverKubeletTls,
  apiserverTls,
  apiserverEtcdTls,
  apiserverAuditLog,
  apiserverEncryptionProvider,
  apiserverServiceAccountTokens,
  controlPlaneProfiling,
  controlPlaneBindAddress,
  controllerManagerCredentials,
  etcdTls,
  weakTlsCipherSuites,
  kubeletAnonymousAuth,
  kubeletAuthorizationMode,
  kubeletClientCa,
  kubeletReadOnlyPort,
  kubeletHardening,
  kubeletCertificateRotation,
  encryptionConfigWeakProvider,
];
