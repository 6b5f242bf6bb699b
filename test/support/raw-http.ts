import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the complete HTTP/1.1 responses in `bytes` (Content-Length bodies only, as this API sends). */
export function parseResponses(bytes: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = bytes;
  while (rest.subarray(0, 9).toString() === 'HTTP/1.1 ') {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine, ...lines] = rest.subarray(0, end).toString().split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < end + 4 + length) break;
    responses.push({ status: Number(statusLine.split(' ')[1]), headers, body: rest.subarray(end + 4, end + 4 + length).toString() });
    rest = rest.subarray(end + 4 + length);
  }
  return responses;
}

/** A socket to the server at `url`, collecting everything it sends. */
export function openSocket(url: string): Promise<{ socket: Socket; received: () => Buffer; closed: Promise<void> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const socket = connect(Number(port), hostname, () => resolve({ socket, received: () => received, closed }));
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

/**
 * Sends `requests` (raw HTTP text) one after the other on one keep-alive connection and resolves
 * with the responses once `expected` of them arrived, or the server closed the connection.
 */
export async function exchange(url: string, requests: string[], expected = requests.length, timeoutMs = 10_000): Promise<RawResponse[]> {
  const { socket, received, closed } = await openSocket(url);
  const deadline = Date.now() + timeoutMs;
  let open = true;
  void closed.then(() => (open = false));
  for (const request of requests) {
    const before = parseResponses(received()).length;
    if (!open) break;
    socket.write(request);
    while (open && parseResponses(received()).length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }
  while (open && parseResponses(received()).length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  socket.destroy();
  return parseResponses(received());
}
