/**
 * The HTML tests read ReportResult fixtures built by fixtures/report-results/html/generate.mjs: the
 * committed files must be what the generator writes, or an edit by hand drifts from the script that
 * says how the numbers were made (it had: the generator lacked `warnings`).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

it('generate.mjs rebuilds the committed HTML result fixtures byte for byte', () => {
  const source = path.join(repoRoot, 'fixtures/report-results/html');
  const dir = mkdtempSync(path.join(tmpdir(), 'attrib-html-fixtures-'));
  copyFileSync(path.join(source, 'generate.mjs'), path.join(dir, 'generate.mjs'));
  execFileSync(process.execPath, ['generate.mjs'], { cwd: dir });
  for (const month of ['2026-09.json', '2026-10.json']) {
    expect(readFileSync(path.join(dir, month), 'utf8'), month).toBe(readFileSync(path.join(source, month), 'utf8'));
  }
});
