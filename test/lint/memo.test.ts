import { ruleTester } from './rule-tester.js';

// The origin resolver's memo (src/lint/origin.ts, guard): a lookup cut short (a cycle, or the depth
// limit) must not be remembered as "unresolved" for the whole run. Shape from
// langchain-ai/social-media-agent: src/agents/verify-reddit-post/verify-reddit-post-graph.ts (a
// compiled graph built by a long addNode/addEdge chain) and
// src/agents/curate-data/nodes/verify-reddit-wrapper.ts (the graph invoked, its result used in a
// callback inside an object pushed to the returned array). Resolving what the wrapper returns walks
// into the result's callback and from there into the graph's builder chain, deep enough to be cut:
// before the fix the graph was then unresolved for every later lookup, so no invoke of it was found
// in any file. Reduced from the real files by deleting lines while the miss persisted.

const GRAPH = `import { END, START, StateGraph } from '@langchain/langgraph';
import { VerifyState } from './state.js';
import { getPost, getLinks, verifyYouTube, verifyGeneral, verifyGitHub, validatePost, routeLinks } from './nodes.js';
const builder = new StateGraph(VerifyState)
  .addNode('getPost', getPost)
  .addNode('getLinks', getLinks)
  .addNode('verifyYouTube', verifyYouTube)
  .addNode('verifyGeneral', verifyGeneral)
  .addNode('verifyGitHub', verifyGitHub)
  .addNode('validatePost', validatePost)
  .addEdge(START, 'getPost')
  .addEdge('getPost', 'getLinks')
  .addConditionalEdges('getLinks', routeLinks, ['verifyYouTube', 'verifyGeneral', 'verifyGitHub', END])
  .addEdge('verifyYouTube', 'validatePost')
  .addEdge('verifyGeneral', 'validatePost')
  .addEdge('verifyGitHub', 'validatePost')
  .addEdge('validatePost', END);
export const verifyGraph = builder.compile();`;
const WRAPPER = `import { verifyGraph } from '../verify/graph.js';
export async function verifyWrapper(state: { posts: string[] }, config: object) {
  const verified: object[] = [];
  for (const post of state.posts) {
    const result = await verifyGraph.invoke({ post }, config);
    if (result.relevantLinks && result.pageContents) {
      verified.push({ ...post, externalData: result.pageContents.map((pageContent, idx) => ({ pageContent, url: result.relevantLinks?.[idx] || '' })) });
    }
  }
  return { posts: verified };
}`;

ruleTester('origin memo: a lookup cut short is not final', {
  invalid: [
    {
      // The wrapper passes its own `config` on, whose tags lint cannot see: a finding, and a site.
      name: "a later use of a compiled graph invoke's result does not lose the graph (the wrapper and another file)",
      errors: [{ ruleId: 'missing-tags', file: 'src/curate/verify-wrapper.ts', line: 5, column: 26, missing: ['feature', 'team', 'tenant'] }],
      files: {
        'src/verify/graph.ts': GRAPH,
        'src/curate/verify-wrapper.ts': WRAPPER,
        // After the wrapper in lint's order (files sorted by path): linted first, it resolved the graph before the wrapper could spoil it.
        'src/supervisor.ts': `import { verifyGraph } from './verify/graph.js';
export const run = () => verifyGraph.invoke({ post: 'p' }, { metadata: { feature: 'inbox-triage', tenant: 'ws_1' } });`,
      },
      sites: [
        { file: 'src/curate/verify-wrapper.ts', line: 5, column: 26, kind: 'agent', sdk: 'langgraph', callee: 'invoke', status: 'violation' },
        { file: 'src/supervisor.ts', line: 2, column: 26, kind: 'agent', sdk: 'langgraph', callee: 'invoke', status: 'compliant' },
      ],
    },
  ],
});
