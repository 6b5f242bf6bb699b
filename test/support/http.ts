export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

/** One HTTP call with a JSON body (or raw text when `raw` is given). */
export async function call(
  url: string,
  method: string,
  path: string,
  options: { json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
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
