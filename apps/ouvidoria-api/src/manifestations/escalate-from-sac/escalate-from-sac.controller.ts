import { Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { Access } from '../../auth/access';
import { CREATED_HEADERS } from '../../http/openapi';
import { RequestContext } from '../../http/request-context';
import { manifestationResponse, withAccessCode, type ManifestationView } from '../manifestation-view';
import { ManifestationViewDto } from '../manifestation-view.dto';
import { EscalateFromSacBody } from './escalate-from-sac.body';
import { EscalateFromSacCommand } from './escalate-from-sac.command';
import { SacReceiptDto } from './sac-receipt.dto';
import { escalationRequest } from './escalation-request';

/** What a SAC system gets back: the protocol its escalation opened, when it is due, and the requester's access code (once). */
type SacReceipt = Pick<ManifestationView, 'protocol' | 'type' | 'receivedAt' | 'deadline'> & { accessCode?: string };

/** A SAC system gets its receipt; the Ouvidoria (which may read cases) the case itself. */
const ANSWER = { anyOf: [{ $ref: getSchemaPath(SacReceiptDto) }, { $ref: getSchemaPath(ManifestationViewDto) }] };

@ApiTags('sac-escalations')
@Access('sac-integration', 'ouvidoria')
@Controller('sac-escalations')
export class EscalateFromSacController {
  constructor(private readonly commandBus: CommandBus) {}

  /** The body is judged by `escalationRequest`, as the Kafka intake's messages are. */
  @Post()
  @ApiOperation({ summary: 'Open a manifestation for a SAC escalation (idempotent by escalationId)' })
  @ApiBody({
    type: EscalateFromSacBody,
    required: true,
    // Posted as it stands by test/openapi-examples.e2e-spec.ts.
    examples: {
      escalation: {
        summary: 'A complaint the SAC could not resolve (sending it again answers the same case)',
        value: {
          escalationId: 'sac-7781',
          sacProtocol: 'SAC-2026-000999',
          escalatedAt: '2026-03-30T09:30:00-03:00',
          reason: 'Não resolvido no SAC',
          type: 'RECLAMACAO',
          requester: { kind: 'BENEFICIARIO', name: 'João Souza', phone: '+55 83 99999-0000' },
          subject: 'Reembolso atrasado',
          description: 'Reembolso pedido em fevereiro ainda não pago.',
        },
      },
    },
  })
  @ApiExtraModels(SacReceiptDto, ManifestationViewDto)
  @ApiResponse({
    status: 201,
    description: 'A manifestation was opened: the SAC receipt (role sac-integration) or the manifestation (role ouvidoria)',
    schema: ANSWER,
    headers: CREATED_HEADERS,
  })
  @ApiResponse({
    status: 200,
    description: 'This escalation was already received: the same manifestation, no new events',
    schema: ANSWER,
    headers: CREATED_HEADERS,
  })
  @ApiResponse({ status: 400, description: 'Invalid input (problem+json naming each field)' })
  @ApiResponse({ status: 422, description: 'The escalationId was already used with a different body' })
  async escalate(
    @Req() request: FastifyRequest,
    @RequestContext() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManifestationView | SacReceipt> {
    const registered = await this.commandBus.execute(new EscalateFromSacCommand(await escalationRequest(request.body), meta, true));
    void reply.status(registered.created ? 201 : 200).header('location', `/manifestations/${registered.state.protocol}`);
    const view = withAccessCode(manifestationResponse(reply, registered), registered.accessCode);
    // A SAC system may not read manifestations: it learns where its escalation went, not how it went on.
    if (meta.actor.role !== 'sac-integration') return view;
    const { protocol, type, receivedAt, deadline, accessCode } = view;
    return { protocol, type, receivedAt, deadline, ...(accessCode ? { accessCode } : {}) };
  }
}
