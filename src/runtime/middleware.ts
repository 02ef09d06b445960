import { currentConfig } from './config.js';
import { withAttribution } from './scope.js';
import { isTagName, missingTags, mergeTags, NO_TAGS, type TagMap } from './tags.js';

export interface RequireAttributionOptions {
  /** Tags a request must carry as `x-attrib-<tag>` headers (default: the runtime's required tags but `parent_run_id`, which the scope creates). */
  required?: readonly string[];
  /**
   * The server's environment: requests are rejected only in `production` (default: the runtime's,
   * `$ATTRIB_ENVIRONMENT`, else `$NODE_ENV`). The request's own `x-attrib-environment` never
   * decides this: a caller cannot opt out of the check.
   */
  environment?: string;
  /** Run the handler inside `withAttribution()` of the request's tags (default true). */
  scope?: boolean;
}

const PREFIX = 'x-attrib-';

/** The tags of `x-attrib-<tag>` headers (`x-attrib-workload-class` and `x-attrib-workload_class` both name `workload_class`). */
export function tagsFromHeaders(headers: Iterable<[string, string]> | Record<string, string | string[] | undefined>): TagMap {
  const tags: Record<string, string> = Object.create(null);
  const take = (name: string, value: string | string[] | undefined): void => {
    const lower = name.toLowerCase();
    if (!lower.startsWith(PREFIX)) return;
    const tag = lower.slice(PREFIX.length).replace(/-/g, '_');
    // A repeated header is ambiguous: the first value counts.
    const v = (Array.isArray(value) ? value[0] : value)?.trim();
    if (isTagName(tag) && v && !(tag in tags)) tags[tag] = v;
  };
  if (Symbol.iterator in headers) for (const [name, value] of headers as Iterable<[string, string]>) take(name, value);
  else for (const name of Object.keys(headers)) take(name, (headers as Record<string, string | string[] | undefined>)[name]);
  return mergeTags(NO_TAGS, tags);
}

interface Check {
  tags: TagMap;
  /** Missing required tags when the request must be rejected, else null. */
  reject: readonly string[] | null;
}

function check(tags: TagMap, options: RequireAttributionOptions): Check {
  const config = currentConfig();
  const required = options.required ?? config.required.filter((t) => t !== 'parent_run_id');
  const missing = missingTags(tags, required);
  const production = (options.environment ?? config.environment) === 'production';
  return { tags, reject: production && missing.length > 0 ? missing : null };
}

function rejection(missing: readonly string[]): string {
  return JSON.stringify({
    error: 'missing_attribution',
    message: `missing required attribution tags: ${missing.join(', ')} (send them as ${missing.map((t) => PREFIX + t.replace(/_/g, '-')).join(', ')})`,
    missing,
  });
}

/**
 * Wrap a Fetch-API handler (`(request) => Response`, as in Hono, Next.js route handlers, Deno,
 * Bun, Cloudflare Workers): in production a request without the required `x-attrib-*` headers is
 * answered 400 with what is missing; otherwise the handler runs inside the request's tags.
 */
export function requireAttribution<A extends unknown[]>(
  handler: (request: Request, ...rest: A) => Response | Promise<Response>,
  options: RequireAttributionOptions = {},
): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const { tags, reject } = check(tagsFromHeaders(request.headers), options);
    if (reject) return new Response(rejection(reject), { status: 400, headers: { 'content-type': 'application/json' } });
    return options.scope === false ? handler(request, ...rest) : withAttribution(tags, () => handler(request, ...rest));
  };
}

/** The parts of Node's IncomingMessage / ServerResponse that Connect-style middleware uses. */
interface NodeRequest {
  headers: Record<string, string | string[] | undefined>;
}
interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/** The same check as Express/Connect middleware (`app.use(requireAttributionMiddleware())`). */
export function requireAttributionMiddleware(options: RequireAttributionOptions = {}) {
  return (req: NodeRequest, res: NodeResponse, next: (err?: unknown) => void): void => {
    const { tags, reject } = check(tagsFromHeaders(req.headers), options);
    if (reject) {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json');
      res.end(rejection(reject));
      return;
    }
    if (options.scope === false) next();
    else withAttribution(tags, () => next());
  };
}
