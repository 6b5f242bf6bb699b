import { pendingClarification, requesterView, type RequesterView } from '@app/domain';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { OpenAccess } from '../../auth/access';
import { problem, ProblemException } from '../../problems/problem';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AddAttachmentCommand } from '../attachments/add-attachment.command';
import { attachmentView, type AttachmentView } from '../attachments/attachment-view';
import { AttachmentViewDto } from '../attachments/attachment-view.dto';
import { readUpload } from '../attachments/read-upload';
import { UploadBody } from '../attachments/upload-body';
import type { ManifestationTarget } from '../manifestation-action';
import { RecordClarificationReplyBody } from '../record-clarification-reply/record-clarification-reply.body';
import { RecordClarificationReplyCommand } from '../record-clarification-reply/record-clarification-reply.command';
import { RecordSatisfactionBody } from '../record-satisfaction/record-satisfaction.body';
import { RecordSatisfactionCommand } from '../record-satisfaction/record-satisfaction.command';
import { ACCESS_CODE_HEADER, RequesterGate } from './requester-gate';
import { RequesterViewDto } from './requester-view.dto';

const CODE = ACCESS_CODE_HEADER.toLowerCase();

/** The requester's own routes: no token, the protocol and the access code given at registration. */
@ApiTags('requester')
@OpenAccess()
@ApiHeader({ name: ACCESS_CODE_HEADER, required: true, description: 'The access code given at registration (e.g. 7KQM-X3TD-9HWB)' })
@ApiParam({ name: 'protocol', description: '20-digit protocol number' })
@ApiResponse({ status: 404, description: 'Unknown protocol or wrong access code (the same answer)' })
@ApiResponse({ status: 429, description: 'Too many requests from this address, or too many wrong codes for this protocol' })
@Controller('public/manifestations')
export class PublicManifestationController {
  constructor(
    private readonly gate: RequesterGate,
    private readonly commandBus: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':protocol')
  @ApiOperation({ summary: 'The case as its requester sees it: status in plain words, deadline, pending question, answer' })
  @ApiResponse({ status: 200, description: 'The requester view', type: RequesterViewDto })
  async view(
    @Param('protocol') protocol: string,
    @Headers(CODE) code: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<RequesterView> {
    const { state } = await this.gate.open(protocol, code, request.ip);
    return requesterView(state);
  }

  @Post(':protocol/satisfaction')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate the answer (once, after it was given)' })
  @ApiBody({
    type: RecordSatisfactionBody,
    required: true,
    examples: { satisfied: { summary: 'A rating from 1 to 5, with a comment', value: { score: 4, comment: 'Respondido no prazo' } } },
  })
  @ApiResponse({ status: 200, description: 'The requester view, satisfaction recorded', type: RequesterViewDto })
  @ApiResponse({ status: 400, description: 'Invalid input' })
  @ApiResponse({ status: 409, description: 'Not answered yet, or already rated' })
  async rate(
    @Param('protocol') protocol: string,
    @Headers(CODE) code: string | undefined,
    @Body() { score, comment }: RecordSatisfactionBody,
    @Req() request: FastifyRequest,
  ): Promise<RequesterView> {
    await this.gate.open(protocol, code, request.ip);
    const { state } = await this.commandBus.execute(new RecordSatisfactionCommand(asRequester(request, protocol), { score, comment }));
    return requesterView(state);
  }

  @Post(':protocol/attachments')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @UploadBody()
  @ApiOperation({ summary: 'Send the Ouvidoria a document (multipart/form-data, field "file"); its type is judged from its bytes' })
  @ApiResponse({ status: 201, description: 'The attachment: id, name, media type, size, SHA-256', type: AttachmentViewDto })
  @ApiResponse({ status: 400, description: 'More than one file, or no file in the field `file`' })
  @ApiResponse({ status: 413, description: 'Over the size a file or a case may have' })
  @ApiResponse({ status: 415, description: 'Not multipart, or content not of an allowed type' })
  async attach(
    @Param('protocol') protocol: string,
    @Headers(CODE) code: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentView> {
    await this.gate.open(protocol, code, request.ip);
    const upload = await readUpload(request, this.config.attachments.maxFileBytes);
    const added = await this.commandBus.execute(new AddAttachmentCommand(asRequester(request, protocol), upload, 'REQUESTER'));
    return attachmentView(added.attachment);
  }

  @Post(':protocol/clarification')
  @HttpCode(200)
  @ApiOperation({ summary: "Reply to the Ouvidoria's pending question" })
  @ApiBody({
    type: RecordClarificationReplyBody,
    required: true,
    examples: {
      reply: { summary: 'The answer to the question shown in pendingClarification', value: { text: 'O pedido médico é o 4711' } },
    },
  })
  @ApiResponse({ status: 200, description: 'The requester view, the question no longer pending', type: RequesterViewDto })
  @ApiResponse({ status: 400, description: 'Invalid input' })
  @ApiResponse({ status: 409, description: 'No question is waiting for a reply' })
  async clarify(
    @Param('protocol') protocol: string,
    @Headers(CODE) code: string | undefined,
    @Body() { text }: RecordClarificationReplyBody,
    @Req() request: FastifyRequest,
  ): Promise<RequesterView> {
    const found = await this.gate.open(protocol, code, request.ip);
    const pending = pendingClarification(found.state);
    if (!pending) throw new ProblemException(problem(409, 'NO_PENDING_CLARIFICATION', 'no question is waiting for your reply'));
    const { state } = await this.commandBus.execute(
      new RecordClarificationReplyCommand(asRequester(request, protocol), {
        clarificationId: pending.clarificationId,
        text,
        receivedVia: 'REQUESTER',
      }),
    );
    return requesterView(state);
  }
}

/** The requester acts on their own case: recorded as role `requester`, with the request as causation. */
function asRequester(request: FastifyRequest, protocol: string): ManifestationTarget {
  const causationId = String(request.id);
  const meta: RequestMeta = { actor: { sub: 'requester', role: 'requester' }, correlationId: causationId, causationId };
  return { protocol, meta };
}
