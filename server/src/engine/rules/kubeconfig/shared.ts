/** References the kubeconfig rules share. */
export const KUBECONFIG_DOCS = 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/';
export const KUBECTL_CONFIG_REFERENCE = 'https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/';
export const AUTHENTICATION_DOCS = 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/';
