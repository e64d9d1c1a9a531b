import { defineRule } from '../../rule';
import { sourceImages } from '../../views/dockerfile-sources';
import { parseImageRef } from '../../views/image-ref';
import type { ImageView } from '../../views/values';
import { trustingEntry } from './trust';

export default defineRule({
  meta: {
    id: 'untrusted-registry',
    title: 'Image from an untrusted registry',
    description:
      'The image does not come from a registry or repository on the trusted list (shipshape.trustedRegistries). Anyone can publish to a public registry; an image from an unvetted source runs with whatever it was built to do.',
    defaultSeverity: 'warning',
    category: 'supply-chain',
    // The suggestion is a code action of the language server: "Trust <registry> in .shipshape.yaml" edits the config file.
    fixable: 'suggestion',
    messages: {
      untrusted:
        '{{owner}} uses image "{{image}}" from {{name}}, which is not on the trusted registries list (shipshape.trustedRegistries).',
    },
    references: {
      cis: ['5.5.1'],
      trivy: ['KSV034'],
      urls: [
        'https://kubernetes.io/docs/concepts/security/security-checklist/#images',
        'https://docs.docker.com/trusted-content/official-images/',
      ],
    },
  },
  create(ctx) {
    const check = (image: ImageView): void => {
      const ref = parseImageRef(image.value);
      if (!ref || trustingEntry(ref, ctx.trustedRegistries)) return;
      ctx.report({
        messageId: 'untrusted',
        data: { owner: image.owner, image: image.value, name: ref.name },
        at: image.span,
        ...(image.container ? { container: image.container.name } : {}),
      });
    };
    return {
      image: check,
      // Dockerfiles also pull images with `COPY --from=<image>` and `RUN --mount=from=<image>`.
      dockerfile(df) {
        for (const image of sourceImages(df)) check(image);
      },
    };
  },
});
