import type { Rule } from '../../rule';
import imagePortNotExposed from './image-port-not-exposed';
import rbacBindingResolved from './rbac-binding-resolved';
import readOnlyRootImageWrites from './read-only-root-image-writes';
import runAsNonRootImageRoot from './run-as-non-root-image-root';
import runAsNonRootImageUserName from './run-as-non-root-image-user-name';
import serviceAccountNotFound from './service-account-not-found';

/** Relations: rules that judge objects together with the objects of the project they refer to (engine/project/relations.ts). */
export const relationsRules: readonly Rule[] = [
  rbacBindingResolved,
  serviceAccountNotFound,
  runAsNonRootImageRoot,
  runAsNonRootImageUserName,
  imagePortNotExposed,
  readOnlyRootImageWrites,
];
