import { ruleTester } from './rule-tester.js';

// Look-alike APIs: names that match a billable method but whose receiver is not an SDK client.

ruleTester('precision', {
  valid: [
    {
      name: 'twilio.messages.create',
      callSites: 0,
      files: `import twilio from 'twilio';\nconst client = twilio('sid', 'token');\nclient.messages.create({ to: '+1', body: 'hi' });`,
    },
    {
      name: 'a local class with create, stream and invoke',
      callSites: 0,
      files: `class Repo { create(x: object) { return x; } stream() {} invoke() {} }\nconst chat = { completions: new Repo() };\nchat.completions.create({});\nnew Repo().stream();\nnew Repo().invoke();`,
    },
    {
      name: 'stripe.responses.create',
      callSites: 0,
      files: `import Stripe from 'stripe';\nconst stripe = new Stripe('k') as any;\nstripe.responses.create({});`,
    },
    {
      name: 'an unresolvable receiver named like a client',
      callSites: 0,
      files: `declare const openai: any;\nopenai.chat.completions.create({});\nexport function f(anthropic: { messages: { create(): void } }) { anthropic.messages.create(); }`,
    },
    {
      name: 'a local function called generateText, and an `ai` look-alike module',
      callSites: 0,
      files: `import { generateText as g } from 'ai-utils';\nfunction generateText(x: object) { return x; }\ngenerateText({});\ng({});`,
    },
    {
      name: 'a shadowed import name',
      callSites: 0,
      files: `import OpenAI from 'openai';\nexport function f(OpenAI: new () => { chat: { completions: { create(): void } } }) { new OpenAI().chat.completions.create(); }`,
    },
    {
      name: 'a wrong member path on a real client',
      callSites: 0,
      files: `import OpenAI from 'openai';\nconst o = new OpenAI();\no.files.create({});\no.chat.create({});\no.models.list();`,
    },
    {
      name: 'embedQuery on a chat model is not an embedding call',
      callSites: 0,
      files: `import { ChatOpenAI } from '@langchain/openai';\nconst m = new ChatOpenAI() as any;\nm.embedQuery('x');`,
    },
  ],
});
