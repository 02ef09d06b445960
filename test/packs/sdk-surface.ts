import { Node, Project, type SourceFile, type Symbol as MorphSymbol, type Type, ts } from 'ts-morph';

/**
 * The request-sending surface of an installed SDK, read from its own .d.ts with the type checker:
 * - `methods`: every public method reachable from an instance of a client class through its
 *   resource properties (`chat.completions.create`), whose result is a promise, a stream or an
 *   async iterable (what a request gives; a builder like `withOptions` or `chats.create` does not
 *   send one);
 * - `functions`: every exported function whose first parameter has a `model` property (the AI SDK's
 *   shape: `generateText({ model, ... })`);
 * - `commands`: every exported `*Command` class (the AWS SDK's shape: `client.send(new XCommand(input))`).
 * One checker for every package, so the standard library is read once.
 */
export class SdkSurface {
  private readonly project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, skipLibCheck: true, noEmit: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] },
  });
  /** One probe file importing every module at once, so the program is built (and type-checked) once. */
  private readonly probe: SourceFile;
  private readonly exportCache = new Map<string, Map<string, MorphSymbol> | undefined>();

  constructor(root: string, modules: readonly string[]) {
    const text = modules.map((m, i) => `import * as m${i} from ${JSON.stringify(m)};\nexport { m${i} };`).join('\n');
    this.probe = this.project.createSourceFile(`${root}/__sdk_surface_probe.mts`, text, { overwrite: true });
    const checker = this.project.getTypeChecker();
    modules.forEach((m, i) => {
      // Through the namespace import, so that an ambient `declare module "replicate"` resolves too.
      const namespace = this.probe.getImportDeclarations()[i]!.getNamespaceImportOrThrow().getSymbol();
      const module = namespace?.getAliasedSymbol();
      if (!module || module === namespace || module.getDeclarations().length === 0) {
        this.exportCache.set(m, undefined);
        return;
      }
      const out = new Map<string, MorphSymbol>();
      for (const symbol of checker.getExportsOfModule(module)) out.set(symbol.getName(), symbol.isAlias() ? (symbol.getAliasedSymbol() ?? symbol) : symbol);
      this.exportCache.set(m, out);
    });
  }

  /** Whether the module resolved to type declarations (the package is installed). */
  resolves(module: string): boolean {
    return this.exportsOf(module) !== undefined;
  }

  /** Whether `module` exports `name` (a class, function or value). */
  exports(module: string, name: string): boolean {
    return this.exportsOf(module)?.has(name) ?? false;
  }

  /**
   * Method paths of an instance of the class `className` exported by `module`, walking resources
   * declared in `home` (the packages the pack is checked against; default: the class's own package).
   */
  methods(module: string, className: string, home?: ReadonlySet<string>, maxDepth = 5): string[] {
    const cls = this.exportsOf(module)?.get(className);
    if (!cls) return [];
    const out = new Set<string>();
    const seen = new Set<Type>();
    const instance = cls.getDeclaredType();
    const homes: ReadonlySet<string | undefined> = home ?? new Set([packageOf(instance)]);
    const walk = (type: Type, prefix: string[], depth: number): void => {
      if (depth > maxDepth || seen.has(type)) return;
      seen.add(type);
      for (const prop of type.getProperties()) {
        const name = prop.getName();
        if (!isPublic(prop, name)) continue;
        const propType = prop.getTypeAtLocation(this.probe);
        const path = [...prefix, name];
        const signatures = propType.getCallSignatures();
        if (signatures.length > 0) {
          if (signatures.some((s) => sendsRequest(s.getReturnType()))) out.add(path.join('.'));
          continue;
        }
        // Resources live in the packages the pack checks; a field holding another package's object (LangChain's
        // `client: OpenAI`, `caller: AsyncCaller`) is that package's surface, walked with its own pack.
        if (isResource(propType) && homes.has(packageOf(propType))) walk(propType, path, depth + 1);
      }
      seen.delete(type);
    };
    walk(instance, [], 0);
    return [...out].sort();
  }

  /** Exported functions of `module` whose first parameter has a `model` property. */
  modelFunctions(module: string): string[] {
    const out: string[] = [];
    for (const [name, symbol] of this.exportsOf(module) ?? []) {
      const type = symbol.getTypeAtLocation(this.probe);
      const takesModel = type.getCallSignatures().some((s) => {
        const first = s.getParameters()[0];
        return first !== undefined && first.getTypeAtLocation(this.probe).getProperty('model') !== undefined;
      });
      if (takesModel) out.push(name);
    }
    return out.sort();
  }

  /** Exported classes of `module` named `...Command`. */
  commands(module: string): string[] {
    return [...(this.exportsOf(module)?.keys() ?? [])].filter((n) => /^[A-Z]\w*Command$/.test(n)).sort();
  }

  private exportsOf(module: string): Map<string, MorphSymbol> | undefined {
    if (!this.exportCache.has(module)) throw new Error(`${module} was not given to the SdkSurface constructor`);
    return this.exportCache.get(module);
  }
}

function isPublic(prop: MorphSymbol, name: string): boolean {
  if (name.startsWith('_') || name.startsWith('#') || name.startsWith('__@') || name === 'constructor') return false;
  return prop.getDeclarations().every((d) => !(Node.isModifierable(d) && (d.hasModifier(ts.SyntaxKind.PrivateKeyword) || d.hasModifier(ts.SyntaxKind.ProtectedKeyword))));
}

/**
 * The file declaring a type: its symbol's, or, for a mapped type the standard library declares
 * (`Omit<Messages, 'batches'>`), its first property's.
 */
function declaringFile(type: Type): string | undefined {
  const own = (type.getSymbol() ?? type.getAliasSymbol())?.getDeclarations()[0]?.getSourceFile().getFilePath();
  if (own !== undefined && !isStandard(own)) return own;
  const first = type.getProperties()[0]?.getDeclarations()[0]?.getSourceFile().getFilePath();
  return first !== undefined && !isStandard(first) ? first : undefined;
}

const isStandard = (file: string) => !file.includes('/node_modules/') || file.includes('/node_modules/typescript/') || file.includes('/node_modules/@types/node/');

/** A resource object: a class instance, interface or mapped type declared in a package, not a primitive, array, function or standard type. */
function isResource(type: Type): boolean {
  if (!type.isObject() || type.isArray() || type.getCallSignatures().length > 0) return false;
  return declaringFile(type) !== undefined;
}

/** The package (folder under the last `node_modules/`) declaring a type. */
function packageOf(type: Type): string | undefined {
  const file = declaringFile(type);
  const m = file && /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return m ? m[1] : undefined;
}

/** A promise, a thenable (`APIPromise`), a stream or an async iterable: what sending a request gives. */
function sendsRequest(type: Type): boolean {
  const types = type.isUnion() ? type.getUnionTypes() : [type];
  return types.some((t) => t.getProperty('then') !== undefined || /Stream|AsyncIterable|AsyncGenerator/.test(t.getSymbol()?.getName() ?? t.getAliasSymbol()?.getName() ?? '') || hasAsyncIterator(t));
}

function hasAsyncIterator(type: Type): boolean {
  return type.isObject() && type.getProperties().some((p) => p.getName().startsWith('__@asyncIterator'));
}
