import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { repoRoot } from './cli.js';

/** Every schema under schemas/, compiled once, so `$ref`s between them resolve. */
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const dir = path.join(repoRoot, 'schemas');
for (const name of readdirSync(dir).filter((n) => n.endsWith('.schema.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(path.join(dir, name), 'utf8')), name);
}

/** The schema errors of `data` against `schemas/<name>.schema.json` (empty when it conforms). */
export function schemaErrors(name: string, data: unknown): string[] {
  const validate = ajv.getSchema(`${name}.schema.json`);
  if (!validate) throw new Error(`no schema schemas/${name}.schema.json`);
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
