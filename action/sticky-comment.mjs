#!/usr/bin/env node
// One pull-request comment that attrib owns, updated in place on every push instead of a new comment
// each time (the "sticky comment" of infracost and coverage bots). The comment is found by a hidden
// marker; the body is cut below GitHub's 65,536-character limit with a note saying so.
// Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_EVENT_PATH (the pull_request
// event), ATTRIB_COMMENT_FILE (the markdown); GITHUB_API_URL for GitHub Enterprise (and tests).
import { readFileSync } from 'node:fs';

export const MARKER = '<!-- attrib-report: sticky comment, updated in place -->';
/** GitHub rejects comment bodies over 65,536 characters; leave room for the marker and the note. */
export const MAX_BODY = 65_000;

/** The comment body: marker, then the markdown, cut at a line boundary when it is too long. */
export function commentBody(markdown) {
  const note = '\n\n> ⚠️ attrib cut this comment at GitHub\'s size limit: run `attrib report --format html` for the whole report.';
  let text = markdown.trimEnd();
  if (MARKER.length + 1 + text.length > MAX_BODY) {
    const room = MAX_BODY - MARKER.length - 1 - note.length;
    const cut = text.lastIndexOf('\n', room);
    text = text.slice(0, cut > 0 ? cut : room) + note;
  }
  return `${MARKER}\n${text}\n`;
}

async function github(api, token, method, path, body) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`GitHub API ${method} ${path}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return { data: await response.json(), link: response.headers.get('link') ?? '' };
}

/** Create the comment, or update the one with the marker. Returns what was done and the comment id. */
export async function upsertComment({ api, token, repository, issue, body }) {
  for (let page = 1; page <= 100; page++) {
    const { data, link } = await github(api, token, 'GET', `/repos/${repository}/issues/${issue}/comments?per_page=100&page=${page}`);
    const mine = data.find((comment) => typeof comment.body === 'string' && comment.body.startsWith(MARKER));
    if (mine) {
      await github(api, token, 'PATCH', `/repos/${repository}/issues/comments/${mine.id}`, { body });
      return { action: 'updated', id: mine.id };
    }
    if (!link.includes('rel="next"')) break;
  }
  const { data } = await github(api, token, 'POST', `/repos/${repository}/issues/${issue}/comments`, { body });
  return { action: 'created', id: data.id };
}

async function main() {
  const need = (name) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const event = JSON.parse(readFileSync(need('GITHUB_EVENT_PATH'), 'utf8'));
  const issue = event.pull_request?.number ?? event.issue?.number;
  if (issue === undefined) {
    console.error('attrib: not a pull-request event: no comment posted');
    return;
  }
  const result = await upsertComment({
    api: process.env.GITHUB_API_URL ?? 'https://api.github.com',
    token: need('GITHUB_TOKEN'),
    repository: need('GITHUB_REPOSITORY'),
    issue,
    body: commentBody(readFileSync(need('ATTRIB_COMMENT_FILE'), 'utf8')),
  });
  console.error(`attrib: ${result.action} the report comment (${result.id}) on #${issue}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`attrib: ${error.message}`);
    process.exitCode = 1;
  });
}
