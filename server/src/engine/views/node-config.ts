/**
 * Configuration files of cluster components that are not API objects but
 * carry apiVersion and kind: the kubelet's KubeletConfiguration
 * (kubelet.config.k8s.io/v1beta1) and the API server's
 * EncryptionConfiguration (apiserver.config.k8s.io/v1). Rules read them
 * through these views and never look at `kind` themselves.
 */
import type { Node, YAMLMap } from 'yaml';
import type { YamlDocument } from '../parse/yaml-document';
import type { Span } from '../types';
import { MapView, type ResourceView } from './resource';
import { asMap, getNode, mapEntries, nearestKeySpan, scalarValue, seqItems } from './yaml-node';

/** A KubeletConfiguration document. Values are read as written; defaults are the rules' business (docs name them). */
export class KubeletConfigView extends MapView {
  readonly doc: YamlDocument;
  readonly node: YAMLMap;

  private constructor(readonly resource: ResourceView) {
    super();
    this.doc = resource.doc;
    this.node = resource.root;
  }

  static from(resource: ResourceView): KubeletConfigView | undefined {
    return resource.kind === 'KubeletConfiguration' && resource.apiVersion.startsWith('kubelet.config.k8s.io/') ? new KubeletConfigView(resource) : undefined;
  }

  /** Nearest existing key along a path, else `kind:`: where a missing field is reported. */
  nearestSpan(path: readonly string[]): Span {
    return nearestKeySpan(this.node, path, this.doc) ?? this.resource.kindSpan;
  }
}

/** One entry of `resources` of an EncryptionConfiguration: the resources it covers and its providers in order. */
export interface EncryptionResourceEntry {
  readonly resources: readonly string[];
  readonly providers: ReadonlyArray<{ name: string; node: Node; body: YAMLMap | undefined }>;
}

/** An EncryptionConfiguration document. Key material (`secret` of the keys) is never read into the view. */
export class EncryptionConfigView {
  private constructor(
    readonly resource: ResourceView,
    readonly entries: readonly EncryptionResourceEntry[],
  ) {}

  static from(resource: ResourceView): EncryptionConfigView | undefined {
    if (resource.kind !== 'EncryptionConfiguration' || !resource.apiVersion.startsWith('apiserver.config.k8s.io/')) return undefined;
    const doc = resource.doc;
    const entries = seqItems(getNode(resource.root, 'resources'), doc).map((item) => {
      const m = asMap(item, doc);
      const resources = seqItems(getNode(m, 'resources'), doc)
        .map((n) => scalarValue(n, doc))
        .filter((v): v is string => typeof v === 'string');
      const providers = seqItems(getNode(m, 'providers'), doc).flatMap((p) => {
        const first = mapEntries(p, doc)[0];
        return first ? [{ name: first.key, node: first.pair.key as Node, body: asMap(first.pair.value, doc) }] : [];
      });
      return { resources, providers };
    });
    return new EncryptionConfigView(resource, entries);
  }
}
