import type { Rule } from '../../rule';
import schemaUnknownField from './schema-unknown-field';
import schemaType from './schema-type';
import schemaRequired from './schema-required';

export const schemaRules: readonly Rule[] = [schemaUnknownField, schemaType, schemaRequired];
