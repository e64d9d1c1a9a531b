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
    let slots = this.memos.get(owner);
    if (!slots) this.memos.set(owner, (slots = new Map()));
    if (slots.has(slot)) return slots.get(slot) as V;
    const value = build();
    slots.set(slot, value);
    return value;
  }
}

const NONE = null;
type Lazy<T> = T | typeof NONE | undefined;

/**
 * The views of one Kubernetes object, each built at most once (when the
 * first rule with a visitor for it runs; a view that fails to build throws
 * into that rule, and the next rule tries again).
 */
export class ObjectViews {
  private roleView: Lazy<RoleView>;
  private bindingView: Lazy<BindingView>;
  private kubeconfigView: Lazy<KubeconfigView>;
  private pspView: Lazy<PspView>;
  private sccView: Lazy<SccView>;
  private serviceAccountView: Lazy<ServiceAccountView>;

  constructor(
    readonly resource: ResourceView,
    /** The views shared by the rules of the object's document. */
    readonly document: DocumentViews,
  ) {}

  podSpec(): PodSpecView | undefined {
    return this.resource.podSpec();
  }

  role(): RoleView | undefined {
    if (this.roleView === undefined) this.roleView = RoleView.from(this.resource) ?? NONE;
    return this.roleView ?? undefined;
  }

  binding(): BindingView | undefined {
    if (this.bindingView === undefined) this.bindingView = BindingView.from(this.resource) ?? NONE;
    return this.bindingView ?? undefined;
  }

  kubeconfig(): KubeconfigView | undefined {
    if (this.kubeconfigView === undefined) this.kubeconfigView = KubeconfigView.from(this.resource) ?? NONE;
    return this.kubeconfigView ?? undefined;
  }

  psp(): PspView | undefined {
    if (this.pspView === undefined) this.pspView = PspView.from(this.resource) ?? NONE;
    return this.pspView ?? undefined;
  }

  scc(): SccView | undefined {
    if (this.sccView === undefined) this.sccView = SccView.from(this.resource) ?? NONE;
    return this.sccView ?? undefined;
  }

  serviceAccount(): ServiceAccountView | undefined {
    if (this.serviceAccountView === undefined) this.serviceAccountView = ServiceAccountView.from(this.resource) ?? NONE;
    return this.serviceAccountView ?? undefined;
  }
}
