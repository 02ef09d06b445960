export * from './types.js';
export { parseTaxonomy, validateTaxonomy, MAX_TAXONOMY_BYTES, type ParsedTaxonomy, type TaxonomyValidation } from './validate.js';
export { loadTaxonomy, locateTaxonomy, findTaxonomyFile, readTaxonomyText, validateTaxonomyFile, TAXONOMY_FILE_NAMES, type LocateOptions } from './load.js';
export { checkTagValue, allowedValues, type ValueCheck } from './values.js';
export { TAXONOMY_RULES, type TaxonomyRuleId } from './rules.js';
export { initTaxonomy, type InitOptions } from './init.js';
export { STARTER_TAXONOMY } from './starter.js';
export { describeRegistry, type RegistryView } from './registry.js';
