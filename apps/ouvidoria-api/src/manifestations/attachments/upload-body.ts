import { ApiBody } from '@nestjs/swagger';

/** How OpenAPI shows an upload: one file in the multipart field `file`. */
export const UploadBody = () =>
  ApiBody({
    required: true,
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  });
