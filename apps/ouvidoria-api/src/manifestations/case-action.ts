import type { ManifestationCommand, ManifestationState } from '@app/domain';
import { applyDecorators, createParamDecorator, HttpCode, Post, type ExecutionContext } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RunOptions } from '../application/command-path';
import type { RequestMeta } from '../application/ports';
import { Access } from '../auth/access';
import type { Principal, Role } from '../auth/principal';
import { ifMatchOf, principalOf, requestMeta } from '../http/request-context';
import { ActOnManifestation } from './act-on-manifestation.command';
import { caseResponse, type ManifestationView } from './manifestation-view';
import { ProtocolPipe } from './protocol.pipe';

/** The case a command targets, who sends it, and the revision the sender last saw. */
export interface CaseTarget {
  protocol: string;
  principal: Principal;
  meta: RequestMeta;
  ifMatch?: bigint;
}

const protocolPipe = new ProtocolPipe();

export const Target = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): CaseTarget => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest<{ Params: { protocol: string } }>>();
    return {
      protocol: protocolPipe.transform(request.params.protocol),
      principal: principalOf(request),
      meta: requestMeta(request),
      ifMatch: ifMatchOf(request),
    };
  },
);

/** A POST on an existing case, by `ouvidoria` unless said otherwise: 200 with the case and its ETag; If-Match optional. */
export const CaseAction = (path: string, summary: string, roles: Role[] = ['ouvidoria']) =>
  applyDecorators(
    Access(...roles),
    Post(`:protocol/${path}`),
    HttpCode(200),
    ApiOperation({ summary }),
    ApiParam({ name: 'protocol', description: '20-digit protocol number' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the case ("<revision>"); 412 if it moved on' }),
    ApiResponse({ status: 200, description: 'The case after the command; ETag set' }),
    ApiResponse({ status: 400, description: 'Invalid input' }),
    ApiResponse({ status: 404, description: 'Unknown protocol' }),
    ApiResponse({ status: 409, description: 'Not allowed in the current state (see code)' }),
    ApiResponse({ status: 412, description: 'If-Match does not match the current revision' }),
  );

export async function actOn(
  commandBus: CommandBus,
  reply: FastifyReply,
  { protocol, meta, ifMatch }: CaseTarget,
  build: (now: Date) => ManifestationCommand,
  authorize?: RunOptions<ManifestationState>['authorize'],
): Promise<ManifestationView> {
  const outcome = await commandBus.execute(new ActOnManifestation(protocol, build, { meta, ifMatch, authorize }));
  return caseResponse(reply, outcome);
}
