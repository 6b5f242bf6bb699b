import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { Access } from '../../auth/access';
import { IdempotencyKey, RequestContext } from '../../http/request-context';
import { fingerprintOf } from '../../input/validate';
import { manifestationResponse, withAccessCode, type ManifestationView } from '../manifestation-view';
import { RegisterManifestationBody } from './register-manifestation.body';
import { RegisterManifestationCommand } from './register-manifestation.command';

@ApiTags('manifestations')
@Access('ouvidoria')
@Controller('manifestations')
export class RegisterManifestationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Register a manifestation and issue its protocol number' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body replay the first response' })
  @ApiResponse({ status: 201, description: 'Registered; Location and ETag set; `accessCode` for the requester, this once' })
  @ApiResponse({ status: 400, description: 'Invalid input (problem+json naming each field)' })
  @ApiResponse({ status: 422, description: 'Idempotency-Key reused with a different body' })
  async register(
    @Body() body: RegisterManifestationBody,
    @RequestContext() meta: RequestMeta,
    @IdempotencyKey() key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManifestationView> {
    const idempotency = key === undefined ? undefined : { key, fingerprint: fingerprintOf(request.body) };
    const registered = await this.commandBus.execute(new RegisterManifestationCommand(body, meta, idempotency));
    void reply.status(201).header('location', `/manifestations/${registered.state.protocol}`);
    return withAccessCode(manifestationResponse(reply, registered), registered.accessCode);
  }
}
