/** Types of sticky-comment.mjs (plain JavaScript, so the action runs without a build step). */
export declare const MARKER: string;
export declare const MAX_BODY: number;
export declare function commentBody(markdown: string): string;
export declare function upsertComment(target: { api: string; token: string; repository: string; issue: number; body: string }): Promise<{ action: 'created' | 'updated'; id: number }>;
