import type { FastifyRequest } from 'fastify';
import { problem, ProblemException } from '../../problems/problem';
import type { Upload } from './add-attachment.command';

const FIELD = 'file';
const MAX_NAME = 255;

const bad = (code: string, detail: string) =>
  new ProblemException(problem(400, code, detail, [{ field: FIELD, rule: code.toLowerCase(), message: detail }]));

/** The one file of a `multipart/form-data` upload (field `file`), at most `maxBytes`: 413 beyond, 415 for another body. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new ProblemException(problem(415, 'MULTIPART_REQUIRED', `send the file as multipart/form-data, in the field "${FIELD}"`));
  }
  try {
    let upload: Upload | undefined;
    for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
      if (upload || part.type !== 'file') throw bad('ONE_FILE_ONLY', `send one file, in the field "${FIELD}", and nothing else`);
      if (part.fieldname !== FIELD) throw bad('FILE_REQUIRED', `the file must come in the field "${FIELD}", not "${part.fieldname}"`);
      upload = { name: cleanName(part.filename), bytes: await part.toBuffer() };
    }
    if (!upload) throw bad('FILE_REQUIRED', `the upload has no file: send it in the field "${FIELD}"`);
    if (upload.bytes.length === 0) throw bad('EMPTY_FILE', 'the file is empty');
    return upload;
  } catch (error) {
    throw asProblem(error, maxBytes);
  }
}

function asProblem(error: unknown, maxBytes: number): unknown {
  if (error instanceof ProblemException) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new ProblemException(problem(413, 'ATTACHMENT_TOO_LARGE', `a file may have at most ${maxBytes} bytes`));
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return bad('ONE_FILE_ONLY', `send one file, in the field "${FIELD}", and nothing else`);
  }
  return bad('MALFORMED_MULTIPART', 'the multipart/form-data body could not be read');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with each lone surrogate (half a character, which no encoder takes) replaced by U+FFFD. */
export const wellFormed = (text: string) => text.replace(LONE_SURROGATE, '\uFFFD');

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** The name as shown and offered on download: no folders, no control characters, at most 255 characters. */
export function cleanName(raw: string | undefined): string {
  const whole = wellFormed(raw ?? '')
    .split(/[/\\]/)
    .pop()!
    .replace(CONTROL, '')
    .trim();
  // Cut by characters, not UTF-16 units: half an emoji would be no text at all.
  const name = Array.from(whole).slice(0, MAX_NAME).join('');
  return name || 'attachment';
}
