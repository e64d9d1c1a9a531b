import type { Rule } from '../../rule';
import dockerfileAdd from './dockerfile-add';
import dockerfileContentTrustDisabled from './dockerfile-content-trust-disabled';
import dockerfileCurlPipeShell from './dockerfile-curl-pipe-shell';
import dockerfileMissingHealthcheck from './dockerfile-missing-healthcheck';
import dockerfileRootUser from './dockerfile-root-user';
import dockerfileSudo from './dockerfile-sudo';
import dockerfileSyntax from './dockerfile-syntax';
import dockerfileUpdateAlone from './dockerfile-update-alone';
import dockerfileSetuidBits from './dockerfile-setuid-bits';

/**
 * Dockerfile-only concerns. Concerns shared with other formats (image tags,
 * registries, secrets in ENV/ARG, EXPOSE 22) live in their own rule files
 * and see Dockerfiles through the image, envVar and dockerfile visitors.
 * `dockerfile-syntax` is emitted by the engine, not through visitors.
 */
export const dockerfileRules: readonly Rule[] = [
  dockerfileRootUser,
  dockerfileAdd,
  dockerfileContentTrustDisabled,
  dockerfileSudo,
  dockerfileCurlPipeShell,
  dockerfileMissingHealthcheck,
  dockerfileUpdateAlone,
  dockerfileSetuidBits,
  dockerfileSyntax,
];
