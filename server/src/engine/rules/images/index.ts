import type { Rule } from '../../rule';
import imageLatestTag from './image-latest-tag';
import imageNotPinned from './image-not-pinned';
import untrustedRegistry from './untrusted-registry';

/** Image trust: mutable tags, missing digests, registries outside the trusted list. */
export const imagesRules: readonly Rule[] = [imageLatestTag, imageNotPinned, untrustedRegistry];
