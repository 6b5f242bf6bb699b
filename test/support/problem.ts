import type { HttpResult } from './http';

/** An RFC 9457 problem with this status and code, served as application/problem+json. */
export function expectProblem(res: HttpResult, status: number, code: string): void {
  // One assertion first, so a failure shows status and body together.
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: expect.stringMatching(/^urn:ouvidoria:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
  });
}
