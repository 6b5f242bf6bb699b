import { Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { Access } from '../../auth/access';
import { RequestContext } from '../../http/request-context';
import { manifestationResponse, withAccessCode, type ManifestationView } from '../manifestation-view';
import { EscalateFromSacBody } from './escalate-from-sac.body';
import { EscalateFromSacCommand } from './escalate-from-sac.command';
import { escalationRequest } from './escalation-request';

/** What a SAC system gets back: the protocol its escalation opened, when it is due, and the requester's access code (once). */
type SacReceipt = Pick<ManifestationView, 'protocol' | 'type' | 'receivedAt' | 'deadline'> & { accessCode?: string };

@ApiTags('sac-escalations')
@Access('sac-integration', 'ouvidoria')
@Controller('sac-escalations')
export class EscalateFromSacController {
  constructor(private readonly commandBus: CommandBus) {}

  /** The body is judged by `escalationRequest`, as the Kafka intake's messages are. */
  @Post()
  @ApiOperation({ summary: 'Open a manifestation for a SAC escalation (idempotent by escalationId)' })
  @ApiBody({ type: EscalateFromSacBody, required: true })
  @ApiResponse({ status: 201, description: 'A manifestation was opened' })
  @ApiResponse({ status: 200, description: 'This escalation was already received: the same manifestation, no new events' })
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
