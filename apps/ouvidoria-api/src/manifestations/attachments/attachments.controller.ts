import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, READERS } from '../../auth/access';
import type { Principal } from '../../auth/principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SNIFFABLE_TYPES } from '../../config/attachments-config';
import { CREATED_HEADERS } from '../../http/openapi';
import { CurrentPrincipal } from '../../http/request-context';
import { setVersionHeaders } from '../../http/version-headers';
import { problem, ProblemException } from '../../problems/problem';
import { Target, type ManifestationTarget } from '../manifestation-action';
import { AddAttachmentCommand } from './add-attachment.command';
import { AttachmentFiles } from './attachment-files';
import { attachmentView, type AttachmentView } from './attachment-view';
import { AttachmentViewDto } from './attachment-view.dto';
import { readUpload, wellFormed } from './read-upload';
import { UploadBody } from './upload-body';

const attachmentIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new ProblemException(problem(404, 'ATTACHMENT_NOT_FOUND', 'no such attachment')),
});

@ApiTags('attachments')
@ApiParam({ name: 'protocol', description: '20-digit protocol number' })
@Controller('manifestations')
export class AttachmentsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly files: AttachmentFiles,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':protocol/attachments')
  @HttpCode(201)
  @Access('ouvidoria')
  @ApiConsumes('multipart/form-data')
  @UploadBody()
  @ApiOperation({ summary: 'Join a file to the case (multipart/form-data, field "file"); its type is judged from its bytes' })
  @ApiResponse({
    status: 201,
    description: 'The attachment: id, name, media type, size, SHA-256; Location to download it',
    type: AttachmentViewDto,
    headers: CREATED_HEADERS,
  })
  @ApiResponse({ status: 400, description: 'More than one file, or no file in the field `file`' })
  @ApiResponse({ status: 404, description: 'Unknown protocol' })
  @ApiResponse({ status: 409, description: 'The case is closed (see code)' })
  @ApiResponse({ status: 413, description: 'Over the size a file (ATTACHMENT_MAX_MIB) or a case (ATTACHMENT_MAX_CASE_MIB) may have' })
  @ApiResponse({ status: 415, description: 'Not multipart, or content not of an allowed type (ATTACHMENT_TYPES)' })
  async add(
    @Target() target: ManifestationTarget,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentView> {
    const upload = await readUpload(request, this.config.attachments.maxFileBytes);
    const added = await this.commandBus.execute(new AddAttachmentCommand(target, upload, 'OUVIDORIA'));
    setVersionHeaders(reply, added);
    void reply.header('location', `/manifestations/${target.protocol}/attachments/${added.attachment.attachmentId}`);
    return attachmentView(added.attachment);
  }

  @Get(':protocol/attachments/:attachmentId')
  @Access(...READERS, 'department')
  @ApiParam({ name: 'attachmentId', format: 'uuid' })
  @ApiOperation({ summary: 'Download an attachment (a department: only those its forwardings shared)' })
  @ApiResponse({
    status: 200,
    description: 'The file, with its media type, as an attachment (Content-Disposition)',
    content: Object.fromEntries(SNIFFABLE_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  })
  @ApiResponse({ status: 404, description: 'No such attachment, or not shared with this department' })
  @ApiResponse({ status: 410, description: "Erased with the requester's personal data" })
  async download(
    @Param('protocol') protocol: string,
    @Param('attachmentId', attachmentIdPipe) attachmentId: string,
    @CurrentPrincipal() { department }: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { attachment, bytes } = await this.files.read(protocol, attachmentId, department);
    await reply
      .header('content-type', attachment.mediaType)
      .header('content-disposition', `attachment; filename="${asciiName(attachment.name)}"; filename*=UTF-8''${rfc8187(attachment.name)}`)
      .send(bytes);
  }
}

/** `filename*`'s value (RFC 8187): percent-encoded UTF-8, `'()*` included; a name that is not well-formed text is made so. */
const rfc8187 = (name: string) =>
  encodeURIComponent(wellFormed(name)).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The name for clients that do not read `filename*`: ASCII, without quotes or backslashes. */
const asciiName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
