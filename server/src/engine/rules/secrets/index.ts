import type { Rule } from '../../rule';
import secretInManifest from './secret-in-manifest';
import secretInEnv from './secret-in-env';
import secretInConfigmap from './secret-in-configmap';
import secretViaEnvVar from './secret-via-env-var';

export const secretsRules: readonly Rule[] = [secretInManifest, secretInEnv, secretInConfigmap, secretViaEnvVar];
