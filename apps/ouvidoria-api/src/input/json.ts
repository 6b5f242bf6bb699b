import { InvalidInput } from './invalid-input';

/** Deeper bodies are refused before anything walks them recursively (validation would overflow the stack). */
const MAX_JSON_DEPTH = 64;

/** Keys that reach an object's prototype machinery when copied or transformed: never data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const refused = (code: string, field: string, rule: string, message: string) => new InvalidInput(code, message, [{ field, rule, message }]);

/**
 * Parses a JSON request body or message value and checks it before any code recurses into it:
 * at most `MAX_JSON_DEPTH` levels, and no prototype-polluting keys at any depth. The walk is
 * iterative, so no body can exhaust the stack here.
 */
export function parseJson(raw: string): unknown {
  // A byte-order mark is no part of JSON, but some clients send one.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') throw new InvalidInput('BODY_REQUIRED', 'the body must be a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text, which may be personal data: only where it breaks is told.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new InvalidInput('MALFORMED_JSON', `the body is not valid JSON${at ? ` (at character ${at})` : ''}`);
  }
  assertSafeJson(value);
  return value;
}

/** Throws a 400 naming the field when `value` is nested too deeply or holds a forbidden key. */
export function assertSafeJson(value: unknown): void {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 1 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      throw refused('JSON_TOO_DEEP', path, 'maxDepth', `the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`);
    }
    for (const [key, child] of Object.entries(current)) {
      const field = Array.isArray(current) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) throw refused('FORBIDDEN_KEY', field, 'forbiddenKey', `"${key}" is not accepted as a key`);
      pending.push({ value: child, path: field, depth: depth + 1 });
    }
  }
}
