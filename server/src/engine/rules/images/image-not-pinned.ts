import { defineRule } from '../../rule';
import { parseImageRef, pullsLatest } from '../../views/image-ref';

/**
 * A tag without a digest. An image that pulls latest (no tag, or `:latest`) is
 * image-latest-tag's finding on the same token; it is not reported twice.
 */

export default defineRule({
  meta: {
    id: 'image-not-pinned',
    title: 'Image not pinned by digest',
    description:
      'A tag can be moved to different content at any time, by the publisher or by anyone who compromises the registry account. Only a digest (@sha256:...) names exactly one image.',
    defaultSeverity: 'info',
    category: 'supply-chain',
    messages: {
      notPinned: '{{owner}} uses image "{{image}}" without a digest (@sha256:...): the registry decides what the tag points to at pull time.',
    },
    references: {
      kubeLinter: ['image-not-pinned-by-digest'],
      checkov: ['CKV_K8S_43'],
      urls: [
        'https://kubernetes.io/docs/concepts/containers/images/#image-names',
        'https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests',
      ],
    },
  },
  create(ctx) {
    return {
      image(image) {
        const ref = parseImageRef(image.value);
        if (!ref || ref.digest !== undefined || pullsLatest(ref)) return;
        ctx.report({
          messageId: 'notPinned',
          data: { owner: image.owner, image: image.value },
          at: image.span,
          ...(image.container ? { container: image.container.name } : {}),
        });
      },
    };
  },
});
