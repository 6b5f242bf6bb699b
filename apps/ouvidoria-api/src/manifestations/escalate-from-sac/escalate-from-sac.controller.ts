import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { bodyFingerprint } from '../../http/fingerprint';
import { RequestContext } from '../../http/request-context';
import { caseResponse, type ManifestationView } from '../manifestation-view';
import { EscalateFromSacBody } from './escalate-from-sac.body';
import { EscalateFromSac } from './escalate-from-sac.command';
import { Access } from '../../auth/access';

/** What a SAC system gets back: the protocol its escalation opened, and when it is due. */
type SacReceipt = Pick<ManifestationView, 'protocol' | 'type' | 'receivedAt' | 'deadline'>;

@ApiTags('sac-escalations')
@Access('sac-integration', 'ouvidoria')
@Controller('sac-escalations')
export class EscalateFromSacController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Open a case for a SAC escalation (idempotent by escalationId)' })
  @ApiResponse({ status: 201, description: 'A case was opened' })
  @ApiResponse({ status: 200, description: 'This escalation was already received: the same case, no new events' })
  @ApiResponse({ status: 422, description: 'The escalationId was already used with a different body' })
  async escalate(
    @Body() body: EscalateFromSacBody,
    @RequestContext() meta: RequestMeta,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManifestationView | SacReceipt> {
    const fingerprint = bodyFingerprint(request);
    const result = await this.commandBus.execute(new EscalateFromSac(body, fingerprint, meta));
    void reply.status(result.created ? 201 : 200).header('location', `/manifestations/${result.manifestation.protocol}`);
    const view = caseResponse(reply, result);
    // A SAC system may not read cases: it learns where its escalation went, not how the case went on.
    if (meta.actor.role !== 'sac-integration') return view;
    const { protocol, type, receivedAt, deadline } = view;
    return { protocol, type, receivedAt, deadline };
  }
}
