import { ts } from './ts.js';
import { firstReturn } from './origin.js';
import type { RulePack } from './packs/types.js';
import type { ParsedFile, Project } from './project.js';
import { unwrap } from './scope.js';
import { declarationOf, sdkImport } from './sdk-imports.js';

const LOCAL_SERVER = 'local model server (loopback baseURL)';

/** Scheme, then the host: a name, an IPv4 address or a bracketed IPv6 address (user info, `@`, is not matched). */
const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(\[[0-9a-f:.]*\]|[^/:?#@\[\]]*)(?=[:/?#]|$)/i;

/**
 * Whether a URL names this machine: `localhost`, `127.x.x.x`, `[::1]`, `0.0.0.0`. With `complete` false the
 * text is only the start of the URL, so the host counts only when something literal follows it.
 */
function isLoopbackUrl(text: string, complete: boolean): boolean {
  const match = URL_HOST.exec(text);
  if (!match || (!complete && match[0].length === text.length)) return false;
  const host = match[1]!.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '0.0.0.0' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Hops through calls, members and constants from a model value to what made it. */
const MAX_HOPS = 20;

/**
 * Models that cost nothing, as the packs list them (`free_models`): test doubles (`MockLanguageModelV3`,
 * `FakeListChatModel`) and local models (Ollama). A call whose `model` carrier holds one is no
 * billable call site. Matched by the module and export the model is made from, never by name alone.
 * A `model` carrier may also hold a server URL (`new OpenAI({ baseURL })`): a literal loopback one is a
 * model server on the developer's machine (Ollama, vLLM, LM Studio), which bills nothing.
 */
export class FreeModels {
  /** Module specifier -> export name -> why it is free. */
  private readonly byModule = new Map<string, Map<string, string>>();

  constructor(
    packs: readonly RulePack[],
    private readonly project: Project,
  ) {
    for (const pack of packs) {
      for (const free of pack.freeModels) {
        const names = this.byModule.get(free.module) ?? new Map<string, string>();
        for (const name of free.names) names.set(name, free.reason);
        this.byModule.set(free.module, names);
      }
    }
  }

  /**
   * Why the model an expression evaluates to is free, if it is: `new FakeListChatModel({...})`,
   * `ollama('llama3.1')`, `ollama.chat('x')`, a constant holding one (also imported).
   */
  reason(start: ts.Expression, file: ParsedFile): string | undefined {
    let expr: ts.Expression = start;
    let at = file;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      expr = unwrap(expr);
      if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return isLoopbackUrl(expr.text, true) ? LOCAL_SERVER : undefined;
      // `http://localhost:${port}/v1`: the host is literal when the text before the first substitution ends past it.
      if (ts.isTemplateExpression(expr)) return isLoopbackUrl(expr.head.text, false) ? LOCAL_SERVER : undefined;
      const imported = sdkImport(expr, at, this.project);
      if (imported) return this.byModule.get(imported.module)?.get(imported.name);
      if (ts.isCallExpression(expr) && ts.isIdentifier(unwrap(expr.expression))) {
        // A project factory (`createFailingModel()`): what it returns.
        const fn = declarationOf(unwrap(expr.expression) as ts.Identifier, at, this.project);
        const body = fn && (ts.isFunctionDeclaration(fn.node) ? fn.node.body : ts.isVariableDeclaration(fn.node) && fn.node.initializer && (ts.isArrowFunction(fn.node.initializer) || ts.isFunctionExpression(fn.node.initializer)) ? fn.node.initializer.body : undefined);
        const returned = body && (ts.isBlock(body) ? firstReturn(body) : body);
        if (returned) {
          expr = returned;
          at = fn.file;
          continue;
        }
      }
      if (ts.isCallExpression(expr) || ts.isNewExpression(expr) || ts.isPropertyAccessExpression(expr)) {
        expr = expr.expression;
        continue;
      }
      if (!ts.isIdentifier(expr)) return undefined;
      const decl = declarationOf(expr, at, this.project);
      if (!decl || !ts.isVariableDeclaration(decl.node) || !decl.node.initializer) return undefined;
      expr = decl.node.initializer;
      at = decl.file;
    }
    return undefined;
  }
}
