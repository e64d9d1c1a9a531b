/**
 * One view set per document: the views the rules read (resource, pod spec
 * and containers, role, binding, service account, kubeconfig, PSP/SCC),
 * built once, the first
 * time a rule asks, by the lint of one document, handed to every rule and
 * dropped with the document. Nothing here outlives a lint: there are no
 * module-level caches of views.
 */
import { KubeconfigView } from './kubeconfig';
import { PspView } from './psp';
import { BindingView, RoleView } from './rbac';
import type { PodSpecView, ResourceView } from './resource';
import { SccView } from './scc';
import { ServiceAccountView } from './service-account';
import type { CustomWorkloads } from './workloads';

/**
 * What the rules of one document share: values derived from its nodes,
 * computed once for all the rules that read them (a container's resource
 * entries, an object's schema problems, a Dockerfile's RUN commands).
 * Created by the lint of the document and dropped with it.
 */
export class DocumentViews {
  private readonly memos = new Map<object, Map<string, unknown>>();

  /** `build()` for `owner` (a node or view of this document) and `slot`, computed once per document. */
  memo<V>(owner: object, slot: string, build: () => V): V {
    return memoIn(this.memos, owner, slot, build);
  }
}

/** `build()` for `owner` and `slot`, kept in `memos` (a Map, or a WeakMap when the entries live as long as their owner). */
export function memoIn<V>(memos: { get(owner: object): Map<string, unknown> | undefined; set(owner: object, slots: Map<string, unknown>): unknown }, owner: object, slot: string, build: () => V): V {
  let slots = memos.get(owner);
  if (!slots) memos.set(owner, (slots = new Map()));
  if (slots.has(slot)) return slots.get(slot) as V;
  const value = build();
  slots.set(slot, value);
  return value;
}

/**
 * The views of one Kubernetes object, each built at most once (when the
 * first rule with a visitor for it runs; a view that fails to build throws
 * into that rule, and the next rule tries again).
 */
export class ObjectViews {
  private readonly built = new Map<(resource: ResourceView) => unknown, unknown>();

  constructor(
    readonly resource: ResourceView,
    /** The views shared by the rules of the object's document. */
    readonly document: DocumentViews,
    /** The project's custom workloads (lint options `workloads`, see views/workloads.ts). */
    private readonly custom?: CustomWorkloads,
  ) {}

  private view<V>(from: (resource: ResourceView) => V | undefined): V | undefined {
    if (this.built.has(from)) return this.built.get(from) as V | undefined;
    const view = from(this.resource);
    this.built.set(from, view);
    return view;
  }

  podSpec(): PodSpecView | undefined {
    return this.resource.podSpec(this.custom);
  }

  role(): RoleView | undefined {
    return this.view(RoleView.from);
  }

  binding(): BindingView | undefined {
    return this.view(BindingView.from);
  }

  serviceAccount(): ServiceAccountView | undefined {
    return this.view(ServiceAccountView.from);
  }

  kubeconfig(): KubeconfigView | undefined {
    return this.view(KubeconfigView.from);
  }

  psp(): PspView | undefined {
    return this.view(PspView.from);
  }

  scc(): SccView | undefined {
    return this.view(SccView.from);
  }
}
