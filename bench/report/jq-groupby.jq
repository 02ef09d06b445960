# Reference group-by for the report benchmark: one pass over the JSONL corpus (`jq -n -f`), steps and
# cost by the logged feature tag, as [{ feature, steps, costUsd }] sorted by feature.
reduce inputs as $r ({};
  ($r.tags.feature // "(none)") as $f
  | .[$f].steps += 1
  | .[$f].costUsd += ($r.cost_usd // 0))
| to_entries
| map({ feature: .key, steps: .value.steps, costUsd: .value.costUsd })
| sort_by(.feature)
