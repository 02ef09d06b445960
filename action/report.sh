#!/usr/bin/env bash
# `attrib report` for the action: markdown for the pull-request comment (the file is the step output
# `markdown`), the table in the job log, and the exit code as the output `status` (1: a gate tripped).
set -uo pipefail
args=()
[ -n "${ATTRIB_TAXONOMY:-}" ] && args+=(--taxonomy "$ATTRIB_TAXONOMY")
[ -n "${ATTRIB_FAIL_ON:-}" ] && args+=(--fail-on "$ATTRIB_FAIL_ON")
set -f
paths=()
# 'taxonomy' means: the report.logs globs of attrib.yaml.
# shellcheck disable=SC2206
[ "${ATTRIB_REPORT_PATHS:-}" = taxonomy ] || paths=(${ATTRIB_REPORT_PATHS:-})
# shellcheck disable=SC2206
extra=(${ATTRIB_REPORT_ARGS:-})
set +f
markdown="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/attrib-report.md"
status=0
attrib report "${paths[@]}" "${args[@]}" "${extra[@]}" --format markdown --out "$markdown" || status=$?
if [ "$status" -le 1 ]; then
  cat "$markdown"
  # The run's summary page shows it too.
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$markdown" >> "$GITHUB_STEP_SUMMARY"; fi
fi
{
  echo "status=$status"
  if [ "$status" -le 1 ]; then echo "markdown=$markdown"; else echo "markdown="; fi
} >> "${GITHUB_OUTPUT:?}"
[ "$status" -le 1 ]
