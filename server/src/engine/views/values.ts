/**
 * Format-neutral views that rules share across Kubernetes manifests (and,
 * later, compose files and Dockerfiles): a container image reference and an
 * environment variable. Each format's adapter produces them; rules see only
 * these shapes.
 */
import type { Span } from '../types';
import type { ContainerView } from './resource';

/** An image reference as written (e.g. `nginx:1.27`), with where it was written. */
export interface ImageView {
  /** The reference exactly as written (trimmed scalar value). */
  value: string;
  /** Span of the value: where image findings go. */
  span: Span;
  /** The Kubernetes container that uses the image, when there is one. */
  container?: ContainerView;
  /** Name to show in messages ("Container \"web\""). */
  owner: string;
}

/** An environment variable with a literal value or a reference. */
export interface EnvVarView {
  name: string;
  nameSpan: Span;
  /** The literal value when the variable has one (`value:`), as a string. */
  value?: string;
  valueSpan?: Span;
  /** `valueFrom.secretKeyRef` (secret name and key when given). */
  secretKeyRef?: { name?: string; key?: string; span: Span };
  container?: ContainerView;
  owner: string;
}
