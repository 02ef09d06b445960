/** The terminal format of `attrib runs`: a run's tree, or the table of the top runs. */
import type { RunsResult } from '../report/ledger.js';
import { formatRunTree } from './runs-tree.js';
import { formatTopRuns } from './runs-top.js';
import type { Formatter } from './types.js';

export const format: Formatter<RunsResult> = (result, options) =>
  result.kind === 'run' ? formatRunTree(result, options) : formatTopRuns(result, options);
