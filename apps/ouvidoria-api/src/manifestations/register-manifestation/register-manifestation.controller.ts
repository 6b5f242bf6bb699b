import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { Access } from '../../auth/access';
import { CREATED_HEADERS } from '../../http/openapi';
import { IdempotencyKey, RequestContext } from '../../http/request-context';
import { fingerprintOf } from '../../input/validate';
import { manifestationResponse, withAccessCode, type ManifestationView } from '../manifestation-view';
import { ManifestationViewDto } from '../manifestation-view.dto';
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
  @ApiBody({
    type: RegisterManifestationBody,
    required: true,
    // Each example is registered as it stands by test/openapi-examples.e2e-spec.ts (the CPF's check digits are valid).
    examples: {
      complaint: {
        summary: 'A complaint by phone, with the SAC protocol the requester had',
        value: {
          type: 'RECLAMACAO',
          channel: 'TELEFONE',
          requester: { kind: 'BENEFICIARIO', name: 'Ana Lima', email: 'ana@example.com', document: '529.982.247-25' },
          contractType: 'INDIVIDUAL_FAMILIAR',
          subject: 'Negativa de ressonância',
          description: 'O exame foi negado sem justificativa.',
          sacProtocol: 'SAC-2026-000123',
        },
      },
      anonymousReport: {
        summary: 'An anonymous report (only a DENUNCIA may be anonymous, and then without name or contact)',
        value: {
          type: 'DENUNCIA',
          channel: 'PORTAL',
          requester: { kind: 'OUTRO', anonymous: true },
          subject: 'Cobrança indevida de coparticipação',
          description: 'Um prestador da rede cobra por fora consultas que o plano cobre.',
        },
      },
      coverageReview: {
        summary: 'A review of a coverage denial (a REANALISE names the denied request)',
        value: {
          type: 'REANALISE',
          channel: 'APP',
          requester: { kind: 'BENEFICIARIO', name: 'João Souza', phone: '+55 83 99999-0000', beneficiaryCard: '0001234567890' },
          contractType: 'COLETIVO_EMPRESARIAL',
          subject: 'Reanálise da negativa de cirurgia',
          description: 'Peço a reanálise da negativa de cobertura da cirurgia indicada pelo médico.',
          deniedRequestProtocol: 'AUT-2026-004711',
        },
      },
    },
  })
  @ApiResponse({
    status: 201,
    description: 'Registered; Location and ETag set; `accessCode` for the requester, this once',
    type: ManifestationViewDto,
    headers: CREATED_HEADERS,
  })
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
