/** `attrib report --top/--all` and the taxonomy's owners, through the built CLI (npm run build first). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const fixtures = new URL('../../fixtures/', import.meta.url).pathname;
const report = (...args: string[]) => runCli(['report', ...args], { cwd: fixtures });

describe('attrib report --top, --all, owners', () => {
  it('--top N shows N rows per section and one "more" row; --all shows every row', () => {
    const top = report('--by', 'tenant', '--top', '2', '--format', 'markdown');
    expect(top.code).toBe(0);
    const rows = top.stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Tenant') && !line.startsWith('| :--'));
    const tenantRows = rows.slice(0, rows.findIndex((line) => line.startsWith('| **Total**')) + 1);
    expect(tenantRows).toHaveLength(4); // 2 shown, "… N more tenants", Total
    expect(tenantRows[2]).toMatch(/^\| _… \d+ more tenants_ \|/);
    const all = report('--by', 'tenant', '--all', '--format', 'markdown');
    expect(all.stdout).not.toContain('more tenants');
    expect(all.stdout).not.toContain('Showing the top');
  });

  it('names the owner from attrib.yaml next to the over-budget feature and team', () => {
    const out = report('--by', 'feature,team').stdout;
    expect(out).toContain('alert owning team: lee@example.com');
    expect(out).toContain('acknowledgement required: lee@example.com');
  });

  it('refuses --top 0 and --top with --all (exit 2)', () => {
    expect(report('--top', '0').code).toBe(2);
    const both = report('--top', '3', '--all');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--all|--top/);
  });
});
