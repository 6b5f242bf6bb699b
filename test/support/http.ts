export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

/** Headers sent on every call to a base URL (the test app's default credentials). */
const defaultHeaders = new Map<string, Record<string, string>>();

export function sendByDefault(url: string, headers: Record<string, string>): void {
  defaultHeaders.set(url, headers);
}

/**
 * One HTTP call with a JSON body (or raw text when `raw` is given). The base URL's default
 * headers go first (explicit ones override them); `anonymous` sends none of them.
 */
export async function call(
  url: string,
  method: string,
  path: string,
  options: { json?: unknown; raw?: string; headers?: Record<string, string>; anonymous?: boolean } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...(options.anonymous ? {} : defaultHeaders.get(url)), ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw !== undefined) {
    body = options.raw;
  }
  const response = await fetch(url + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const post = (url: string, path: string, json?: unknown, headers?: Record<string, string>) =>
  call(url, 'POST', path, { json, headers });
export const get = (url: string, path: string, headers?: Record<string, string>) => call(url, 'GET', path, { headers });
