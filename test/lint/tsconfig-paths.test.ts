import { describe, expect, it } from 'vitest';
import { lintFiles, ruleTester } from './rule-tester.js';

// Non-relative imports resolve through the tsconfig.json nearest to the importing file, as tsc reads
// them. Shaped on bracesproul/langgraphjs-examples: stockbroker/backend/tsconfig.json has
// `"baseUrl": "./src"` and src/index.ts imports `{ webSearchTool } from "tools.js"` (src/tools.ts), in a
// repository of several projects with a tsconfig each and none at the root.

const TAGGED = `{ model: 'm', messages: [], metadata: { feature: 'inbox-triage', tenant: 'ws_1' } }`;
const CLIENT = `import OpenAI from 'openai';\nexport const ai = new OpenAI();`;

ruleTester('imports through the nearest tsconfig', {
  valid: [
    {
      name: 'each project of the repository with its own baseUrl or paths, none at the root',
      callSites: 2,
      files: {
        'backend/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: './src', module: 'nodenext' } }),
        'backend/src/tools.ts': CLIENT,
        'backend/src/index.ts': `import { ai } from 'tools.js';\nai.chat.completions.create(${TAGGED});`,
        'frontend/tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
        'frontend/src/lib/ai.ts': CLIENT,
        'frontend/src/app/route.ts': `import { ai } from '@/lib/ai';\nai.chat.completions.create(${TAGGED});`,
      },
    },
    {
      name: 'a nested project overrides the root tsconfig; paths set in an extended tsconfig are relative to it',
      callSites: 2,
      files: {
        'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./elsewhere/*'] } } }),
        'tsconfig.base.json': JSON.stringify({ compilerOptions: { paths: { '~shared/*': ['./shared/*'] } } }),
        'shared/ai.ts': CLIENT,
        'apps/api/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: 'src' } }),
        'apps/api/src/lib/ai.ts': CLIENT,
        'apps/api/src/a.ts': `import { ai } from 'lib/ai';\nai.chat.completions.create(${TAGGED});`,
        'apps/web/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json' }),
        'apps/web/src/b.ts': `import { ai } from '~shared/ai';\nai.chat.completions.create(${TAGGED});`,
      },
    },
    {
      name: 'precision: under a baseUrl a package name with no file of that name stays the package, and a project file named like a package is the project file',
      callSites: 1,
      files: {
        'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: './src' } }),
        'src/anthropic.ts': `export const anthropic = { messages: { create: (x: unknown) => x } };`,
        'src/index.ts': `import OpenAI from 'openai';\nimport { anthropic } from 'anthropic';\nnew OpenAI().chat.completions.create(${TAGGED});\nanthropic.messages.create({});`,
      },
    },
  ],
});

describe('a nested tsconfig that cannot be read', () => {
  it('is a warning naming it, and lint goes on with relative imports (the root tsconfig stays a config error)', async () => {
    const result = await lintFiles({
      'apps/web/tsconfig.json': '{ "compilerOptions": { "baseUrl": ',
      'apps/web/src/ai.ts': CLIENT,
      'apps/web/src/index.ts': `import { ai } from './ai';\nai.chat.completions.create(${TAGGED});`,
    }, { paths: ['apps'] });
    expect(result.summary.callSites).toBe(1);
    expect(result.warnings.filter((w) => w.includes('tsconfig'))).toEqual([
      expect.stringMatching(/^apps\/web\/tsconfig\.json: .+: imports of its files are resolved without its paths and baseUrl$/),
    ]);
  });
});
