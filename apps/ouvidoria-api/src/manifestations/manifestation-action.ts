import type { Manifestation } from '@app/domain';
import { applyDecorators, createParamDecorator, HttpCode, Post, type ExecutionContext } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOperation, ApiParam, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { revisionOf, type Outcome, type RunOptions } from '../application/command-path';
import type { RequestMeta } from '../application/ports';
import { Access } from '../auth/access';
import type { Role } from '../auth/principal';
import { VERSION_HEADERS } from '../http/openapi';
import { ifMatchOf, requestMeta } from '../http/request-context';
import { forDepartment, type DepartmentManifestationResponse } from './department-view';
import { DepartmentManifestationViewDto } from './department-view.dto';
import { manifestationResponse, type ManifestationView } from './manifestation-view';
import { ManifestationViewDto } from './manifestation-view.dto';
import { ProtocolPipe } from './protocol.pipe';

/** What every command on an existing manifestation carries besides its own data: which one, who, and the revision seen. */
export interface ManifestationTarget {
  protocol: string;
  meta: RequestMeta;
  /** From `If-Match`: the revision the client last saw. */
  ifMatch?: number;
}

/** The command path's options for a target (a department may act only on what was forwarded to it: see the handler). */
export const runOptionsOf = ({ meta, ifMatch }: ManifestationTarget): Pick<RunOptions<unknown>, 'meta' | 'ifMatch'> => ({
  meta,
  ifMatch: revisionOf(ifMatch),
});

const protocolPipe = new ProtocolPipe();

/** The target of a POST on `/manifestations/:protocol/...`, from the path, the token and the headers. */
export const Target = createParamDecorator((_: unknown, ctx: ExecutionContext): ManifestationTarget => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest<{ Params: { protocol: string } }>>();
  const ifMatch = ifMatchOf(request);
  return {
    protocol: protocolPipe.transform(request.params.protocol),
    meta: requestMeta(request),
    ...(ifMatch === undefined ? {} : { ifMatch: Number(ifMatch) }),
  };
});

/** A POST on an existing manifestation, by `ouvidoria` unless said otherwise: 200 with it and its ETag; If-Match optional. */
export const ManifestationAction = (path: string, summary: string, roles: Role[] = ['ouvidoria']) =>
  applyDecorators(
    Access(...roles),
    Post(`:protocol/${path}`),
    HttpCode(200),
    ApiOperation({ summary }),
    ApiParam({ name: 'protocol', description: '20-digit protocol number' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the manifestation ("<revision>"); 412 if it moved on' }),
    ApiExtraModels(ManifestationViewDto, DepartmentManifestationViewDto),
    ApiResponse({
      status: 200,
      description: roles.includes('department')
        ? 'The manifestation after the command (a department user: its own view of it)'
        : 'The manifestation after the command',
      headers: VERSION_HEADERS,
      schema: roles.includes('department')
        ? { anyOf: [{ $ref: getSchemaPath(ManifestationViewDto) }, { $ref: getSchemaPath(DepartmentManifestationViewDto) }] }
        : { $ref: getSchemaPath(ManifestationViewDto) },
    }),
    ApiResponse({ status: 400, description: 'Invalid input' }),
    ApiResponse({ status: 404, description: 'Unknown protocol' }),
    ApiResponse({ status: 409, description: 'Not allowed in the current state (see code)' }),
    ApiResponse({ status: 412, description: 'If-Match does not match the current revision' }),
  );

/** The answer to a command: the manifestation as the caller may see it (a department: its view), with its headers. */
export function actionResponse(
  reply: FastifyReply,
  outcome: Outcome<Manifestation>,
  { meta }: ManifestationTarget,
): ManifestationView | DepartmentManifestationResponse | null {
  const view = manifestationResponse(reply, outcome);
  return meta.actor.department ? forDepartment(view, meta.actor.department) : view;
}
