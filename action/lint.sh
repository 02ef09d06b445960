#!/usr/bin/env bash
# `attrib lint` for the action: SARIF to a file (for upload-sarif), annotations on stdout, and the
# exit code as the step output `status`. A configuration error (2) stops the step at once.
set -uo pipefail
args=()
[ -n "${ATTRIB_TAXONOMY:-}" ] && args+=(--taxonomy "$ATTRIB_TAXONOMY")
# Paths and extra arguments are space-separated inputs, split like a shell would (no globbing: attrib expands globs itself).
set -f
# shellcheck disable=SC2206
paths=(${ATTRIB_PATHS:-})
# shellcheck disable=SC2206
extra=(${ATTRIB_LINT_ARGS:-})
set +f
sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/attrib.sarif"
status=0
attrib lint "${paths[@]}" "${args[@]}" "${extra[@]}" --format sarif > "$sarif" || status=$?
if [ "$status" -le 1 ] && [ "${ATTRIB_ANNOTATIONS:-true}" = true ]; then
  attrib lint "${paths[@]}" "${args[@]}" "${extra[@]}" --format github || true
fi
{
  echo "status=$status"
  echo "sarif=$sarif"
} >> "${GITHUB_OUTPUT:?}"
[ "$status" -le 1 ]
