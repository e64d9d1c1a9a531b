import type { Rule } from '../../rule';
import rbacBindingResolved from './rbac-binding-resolved';
import serviceAccountNotFound from './service-account-not-found';

/** Relations: rules that judge objects together with the objects of the project they refer to (engine/project/relations.ts). */
export const relationsRules: readonly Rule[] = [rbacBindingResolved, serviceAccountNotFound];
