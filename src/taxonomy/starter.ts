/**
 * The commented starter taxonomy `attrib init` writes. It must pass `attrib taxonomy validate`
 * without a finding (a test checks).
 */
export const STARTER_TAXONOMY = `# attrib taxonomy: who owns each model and tool call, and what each may spend.
# Reference: the "Taxonomy file" section of the attrib README. Check this file with \`attrib taxonomy validate\`.
version: 1

# The tags every model and tool call must carry. \`attrib lint\` checks call sites for them,
# \`attrib report\` rolls spend up by them. Each tag is required unless \`required: false\`.
tags:
  feature:
    description: Product surface a user would recognize
    registry: features        # values must be keys of \`features\` below
  team:
    description: Team that owns the feature and pays for it
    registry: teams
    derive_from: feature      # may be left out at a call site: implied by features.<f>.team
  workload_class:
    description: How the work is scheduled
    values: [interactive, batch, eval, background]
  tenant:
    description: Customer workspace or account the work was done for
    pattern: "^(ws|acct)_[a-z0-9]+$"
  environment:
    values: [production, staging, eval]
  parent_run_id:
    description: The agent run this call belongs to (any non-empty value)

# Teams pay for their features. A team budget is a hard cap: going over needs an acknowledgement.
teams:
  support:
    owner: support-lead@example.com
    budget: { monthly_usd: 4000 }
  search:
    owner: search-lead@example.com
    budget: { monthly_usd: 2000 }

# Features are what users see. A feature budget is a soft cap: going over alerts the owning team.
features:
  ticket-answering:
    team: support
    description: Drafts answers to support tickets
    budget: { monthly_usd: 2500 }
  semantic-search:
    team: search
    description: Workspace-wide semantic search
    budget: { monthly_usd: 1500 }

org:
  budget: { monthly_usd: 10000 }   # global cap: going over is an emergency
  unattributed_max_pct: 5          # unattributed spend above this share is a bug
  near_pct: 80                     # a budget is "near" from this share of it

# Where \`attrib report\` finds usage logs when no paths are given (relative to this file).
report:
  logs: "logs/**/*.jsonl"
`;
