#!/usr/bin/env bash
# Installs and builds attrib from the action's own checkout (the package is not on npm), and puts
# `attrib` on PATH for the later steps.
set -euo pipefail
root="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: this script runs inside the attrib action}"
(cd "$root" && npm ci --no-audit --no-fund --loglevel error >&2)   # prepare builds dist/
mkdir -p "$root/.bin"
ln -sf "$root/bin/run.js" "$root/.bin/attrib"
echo "$root/.bin" >> "${GITHUB_PATH:?}"
