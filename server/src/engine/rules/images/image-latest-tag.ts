import { defineRule } from '../../rule';
import { parseImageRef, pullsLatest } from '../../views/image-ref';

/**
 * The tag decides what is pulled only when there is no digest: a reference
 * pinned by digest is immutable whatever its tag says (`nginx:latest@sha256:…`
 * pulls that digest), so it is not reported.
 */
export default defineRule({
  meta: {
    id: 'image-latest-tag',
    title: 'Image uses the latest tag',
    description:
      'An image without a tag (which pulls latest) or with the latest tag is a moving target: each pull can run different code, rollbacks do not restore the old version and nobody can tell which version is running.',
    defaultSeverity: 'error',
    category: 'supply-chain',
    messages: {
      noTag: '{{owner}} uses image "{{image}}" without a tag or digest, so it pulls the mutable latest tag.',
      latest: '{{owner}} uses image "{{image}}" with the mutable latest tag.',
    },
    references: {
      kubeLinter: ['latest-tag'],
      polaris: ['tagNotSpecified'],
      checkov: ['CKV_K8S_14'],
      trivy: ['KSV013'],
      urls: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
    },
  },
  create(ctx) {
    return {
      image(image) {
        const ref = parseImageRef(image.value);
        if (!ref || !pullsLatest(ref)) return;
        ctx.report({
          messageId: ref.tag === undefined ? 'noTag' : 'latest',
          data: { owner: image.owner, image: image.value },
          at: image.span,
          ...(image.container ? { container: image.container.name } : {}),
        });
      },
    };
  },
});
