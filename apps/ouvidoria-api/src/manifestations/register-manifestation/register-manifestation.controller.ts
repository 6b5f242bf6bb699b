import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { bodyFingerprint } from '../../http/fingerprint';
import { IdempotencyKey, RequestContext } from '../../http/request-context';
import { caseResponse, type ManifestationView } from '../manifestation-view';
import { RegisterManifestationBody } from './register-manifestation.body';
import { RegisterManifestation } from './register-manifestation.command';
import { Access } from '../../auth/access';

@ApiTags('manifestations')
@Access('ouvidoria')
@Controller('manifestations')
export class RegisterManifestationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Register a manifestation and issue its protocol number' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body replay the first response' })
  @ApiResponse({ status: 201, description: 'Registered; Location and ETag set' })
  @ApiResponse({ status: 400, description: 'Invalid input (problem+json naming each field)' })
  @ApiResponse({ status: 422, description: 'Idempotency-Key reused with a different body' })
  async register(
    @Body() body: RegisterManifestationBody,
    @RequestContext() meta: RequestMeta,
    @IdempotencyKey() key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManifestationView> {
    const idempotency = key === undefined ? undefined : { key, fingerprint: bodyFingerprint(request) };
    const result = await this.commandBus.execute(new RegisterManifestation(body, meta, idempotency));
    void reply.status(201).header('location', `/manifestations/${result.manifestation.protocol}`);
    return caseResponse(reply, result);
  }
}
