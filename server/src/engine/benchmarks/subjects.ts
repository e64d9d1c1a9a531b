/**
 * Which benchmark subjects a file holds (see BenchmarkSubject): what makes a
 * benchmark item apply to a scan. A Dockerfile, a daemon.json and an ABAC
 * policy file are their own subject; a YAML file holds the subjects of its
 * objects (by kind, and the control-plane components a static pod runs or a
 * kubeadm ClusterConfiguration generates: views/control-plane.ts) or is a
 * compose file. Pure and total: text that does
 * not parse holds no subject.
 */
import type { FileKind } from '../file-kind';
import { parseChunk, splitYamlDocuments } from '../parse/yaml';
import { ComposeFileView, isComposeFileName } from '../views/compose';
import { documentObjects } from '../views/objects';
import type { ResourceView } from '../views/resource';
import { isWorkloadKind } from '../views/workloads';
import { controlPlaneViews } from '../views/control-plane';
import { DocumentViews } from '../views/view-set';
import type { BenchmarkSubject } from './types';

const BY_KIND: Readonly<Record<string, BenchmarkSubject>> = {
  Role: 'rbac',
  ClusterRole: 'rbac',
  RoleBinding: 'rbac',
  ClusterRoleBinding: 'rbac',
  ServiceAccount: 'service-account',
  NetworkPolicy: 'network-policy',
  Namespace: 'namespace',
  Secret: 'secret',
  PodSecurityPolicy: 'pod-security-policy',
  SecurityContextConstraints: 'pod-security-policy',
  KubeletConfiguration: 'kubelet-config',
  EncryptionConfiguration: 'encryption-config',
  ClusterConfiguration: 'kubeadm',
  InitConfiguration: 'kubeadm',
  JoinConfiguration: 'kubeadm',
};

/** The subjects of one Kubernetes object. */
export function objectSubjects(resource: ResourceView, out: Set<BenchmarkSubject>): void {
  const byKind = BY_KIND[resource.kind];
  if (byKind) out.add(byKind);
  if (isWorkloadKind(resource.kind)) out.add('workload');
  // Static pods of the control plane and kubeadm's ClusterConfiguration, as the cluster-config rules see them.
  for (const view of controlPlaneViews(resource, new DocumentViews())) out.add(view.component);
}

/** The subjects a file holds, sorted. `fileName`: its name or path (compose files are recognised by name too). */
export function fileSubjects(text: string, kind: FileKind, fileName?: string): BenchmarkSubject[] {
  const out = new Set<BenchmarkSubject>();
  try {
    if (kind === 'dockerfile') out.add('dockerfile');
    else if (kind === 'docker-daemon') out.add('docker-daemon');
    else if (kind === 'abac') out.add('abac-policy');
    else {
      const named = isComposeFileName(fileName);
      for (const chunk of splitYamlDocuments(text)) {
        for (const doc of parseChunk(chunk.text).docs) {
          const found = documentObjects(doc);
          if (found) for (const o of found.objects) objectSubjects(o, out);
          else if (ComposeFileView.from(doc, chunk.text, named)) out.add('compose');
        }
      }
    }
  } catch {
    // a file that cannot be read holds no subject
  }
  return [...out].sort();
}
