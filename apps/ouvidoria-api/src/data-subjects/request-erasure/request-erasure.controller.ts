import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { Access } from '../../auth/access';
import { RequestContext } from '../../http/request-context';
import type { ErasureAnswer } from '../erasure';
import { ErasureDoneDto, ErasureScheduledDto } from './erasure-answer.dto';
import { RequestErasureBody } from './request-erasure.body';
import { RequestErasureCommand } from './request-erasure.command';

@ApiTags('data subjects (LGPD)')
@Controller('data-subjects')
export class RequestErasureController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('erasure')
  @HttpCode(200)
  @Access('dpo')
  @ApiOperation({
    summary: 'Erase a data subject’s personal data (by document, or by one of its cases)',
    description:
      'Recorded on the subject’s stream. When no case of the subject is under legal retention (RETENTION_YEARS from closing) ' +
      'its keys are destroyed now (200, ERASED); otherwise the erasure takes effect when the last retention period ends ' +
      '(202, SCHEDULED, with effectiveAt; null while a case is open, listed in awaitingClosing).',
  })
  @ApiBody({
    type: RequestErasureBody,
    required: true,
    examples: {
      byDocument: { summary: 'Every case of a CPF (punctuation accepted)', value: { document: '529.982.247-25' } },
    },
  })
  @ApiResponse({
    status: 200,
    description: 'ERASED: the subject’s keys are destroyed; its personal data read as [erased]',
    type: ErasureDoneDto,
  })
  @ApiResponse({ status: 202, description: 'SCHEDULED: the retention job erases them at effectiveAt', type: ErasureScheduledDto })
  @ApiResponse({ status: 400, description: 'Neither or both of document and protocol, or a document without valid check digits' })
  @ApiResponse({ status: 404, description: 'No case holds data of that document, or no such case' })
  async request(
    @Body() body: RequestErasureBody,
    @RequestContext() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ErasureAnswer> {
    const answer = await this.commandBus.execute(new RequestErasureCommand(body, meta));
    if (answer.status === 'SCHEDULED') void reply.status(202);
    return answer;
  }
}
