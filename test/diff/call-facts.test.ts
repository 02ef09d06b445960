/** What `attrib diff` reads at a call site: the literal model, and whether the call runs in a loop of its function. */
import { describe, expect, it } from 'vitest';
import { FileFacts } from '../../src/diff/call-facts.js';

const source = [
  "const a = await client.chat.completions.create({ model: 'gpt-4o', messages });", // 1
  'for (const doc of docs) await client.embeddings.create({ model: `text-embedding-3-small`, input: doc });', // 2
  'await Promise.all(items.map((x) => client.chat.completions.create({ model, messages: [x] })));', // 3
  'while (more) { more = await client.responses.create({ "model": "o3" }); }', // 4
  'for (const d of docs) { const f = async () => client.chat.completions.create({ model: "gpt-4o-mini" }); }', // 5
].join('\n');
const facts = new FileFacts('src/a.ts', source);

describe('FileFacts', () => {
  it('reads a literal model (quoted key, template without substitutions) and not a variable', () => {
    expect(facts.at(1, 17).model).toBe('gpt-4o');
    expect(facts.at(2, 31).model).toBe('text-embedding-3-small');
    expect(facts.at(3, 36).model).toBeNull();
    expect(facts.at(4, 29).model).toBe('o3');
  });

  it('sees loops of the call\'s own function, and per-element callbacks, but not a loop around a function definition', () => {
    expect(facts.at(1, 17).inLoop).toBe(false);
    expect(facts.at(2, 31).inLoop).toBe(true);
    expect(facts.at(3, 36).inLoop).toBe(true);
    expect(facts.at(4, 29).inLoop).toBe(true);
    expect(facts.at(5, 47)).toEqual({ model: 'gpt-4o-mini', inLoop: false });
  });

  it('knows nothing at a position where no call starts', () => {
    expect(facts.at(1, 1)).toEqual({ model: null, inLoop: false });
  });
});
