import { describe, expect, it } from 'vitest';
import { currentTags, requireAttribution, requireAttributionMiddleware } from '../../src/runtime/index.js';
import { capture } from './helpers.js';

const full = { 'x-attrib-feature': 'inbox-triage', 'x-attrib-team': 'mail', 'x-attrib-workload-class': 'interactive', 'x-attrib-tenant': 'ws_acme', 'x-attrib-environment': 'production' };

describe('requireAttribution (Fetch API)', () => {
  const handler = requireAttribution(async () => Response.json(currentTags()), { environment: 'production' });

  it('rejects a production request without the required tags with a 400 naming them', async () => {
    capture();
    const res = await handler(new Request('http://x/', { headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-environment': 'development' } }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { missing: string[]; message: string };
    // The request's own environment header does not opt it out: the server's environment decides.
    expect(body.missing).toEqual(['team', 'workload_class', 'tenant']);
    expect(body.message).toContain('x-attrib-workload-class');
  });

  it('passes a complete request on, inside a scope of its tags', async () => {
    capture();
    const res = await handler(new Request('http://x/', { headers: full }));
    expect(res.status).toBe(200);
    const tags = (await res.json()) as Record<string, string>;
    expect(tags).toMatchObject({ feature: 'inbox-triage', workload_class: 'interactive', tenant: 'ws_acme' });
    expect(tags.parent_run_id).toMatch(/^run_/);
  });

  it('passes requests on outside production', async () => {
    capture();
    const dev = requireAttribution(async () => new Response('ok'), { environment: 'development' });
    expect((await dev(new Request('http://x/'))).status).toBe(200);
  });
});

describe('requireAttributionMiddleware (Express/Connect)', () => {
  function run(headers: Record<string, string>) {
    const res = { statusCode: 200, headers: {} as Record<string, string>, body: '', setHeader(n: string, v: string) { this.headers[n] = v; }, end(b: string) { this.body = b; } };
    let tags: Record<string, string> | undefined;
    requireAttributionMiddleware({ environment: 'production' })({ headers }, res, () => (tags = currentTags()));
    return { res, tags };
  }

  it('answers 400 with the missing tags and does not call next', () => {
    capture();
    const { res, tags } = run({ 'x-attrib-feature': 'inbox-triage' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect((JSON.parse(res.body) as { missing: string[] }).missing).toEqual(['team', 'workload_class', 'tenant', 'environment']);
    expect(tags).toBeUndefined();
  });

  it('calls next inside the request tags', () => {
    capture();
    const { res, tags } = run(full);
    expect(res.statusCode).toBe(200);
    expect(tags?.team).toBe('mail');
  });
});
