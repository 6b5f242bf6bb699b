import type { Recommendation } from '@app/domain';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ID_GENERATOR, type IdGenerator, type RequestMeta } from '../application/ports';
import { Access, READERS } from '../auth/access';
import { problem, ProblemException } from '../http/problem';
import { ifMatchOf, RequestContext } from '../http/request-context';
import { etagOf } from '../manifestations/manifestation-view';
import { ProjectionRunner } from '../projections/projection-runner';
import { awaitPosition } from '../projections/read-your-writes';
import { ChangeRecommendationStageBody, ListRecommendationsParams, MakeRecommendationBody } from './recommendation.dto';
import { listRecommendations } from './recommendation-list';
import { Recommendations } from './recommendations';

const notFound = () => new ProblemException(problem(404, 'RECOMMENDATION_NOT_FOUND', 'no such recommendation'));
const idPipe = new ParseUUIDPipe({ exceptionFactory: notFound });

type RecommendationView = Recommendation & { revision: number };

function respond(reply: FastifyReply, { state, revision, position }: { state: Recommendation; revision: bigint; position?: bigint }): RecommendationView {
  void reply.header('etag', etagOf(revision));
  if (position !== undefined) void reply.header('x-event-position', position.toString());
  return { ...state, revision: Number(revision) };
}

/** Recommendations the Ouvidoria makes to management, and the stage each has reached (REA-Ouvidorias). */
@ApiTags('recommendations')
@Controller('recommendations')
export class RecommendationsController {
  constructor(
    private readonly recommendations: Recommendations,
    private readonly runner: ProjectionRunner,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  @Post()
  @Access('ouvidoria')
  @ApiOperation({ summary: 'Make a recommendation to a management (stage PROPOSTA)' })
  @ApiResponse({ status: 201, description: 'Made; Location and ETag set' })
  async make(
    @Body() body: MakeRecommendationBody,
    @RequestContext() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationView> {
    const recommendationId = this.ids.uuid();
    const outcome = await this.recommendations.act(
      recommendationId,
      (now) => ({ type: 'MakeRecommendation', data: { recommendationId, department: body.department, text: body.text }, metadata: { now } }),
      { meta },
    );
    void reply.status(201).header('location', `/recommendations/${recommendationId}`);
    return respond(reply, outcome);
  }

  @Post(':id/stage')
  @HttpCode(200)
  @Access('ouvidoria')
  @ApiOperation({ summary: 'Record the stage a recommendation has reached; If-Match optional' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 409, description: 'The same stage, or a move the stages do not allow (see code)' })
  async changeStage(
    @Param('id', idPipe) id: string,
    @Body() body: ChangeRecommendationStageBody,
    @RequestContext() meta: RequestMeta,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationView> {
    const outcome = await this.recommendations.act(
      id,
      (now) => ({ type: 'ChangeRecommendationStage', data: { stage: body.stage, note: body.note }, metadata: { now } }),
      { meta, ifMatch: ifMatchOf(request) },
    );
    return respond(reply, outcome);
  }

  @Get(':id')
  @Access(...READERS)
  @ApiOperation({ summary: 'A recommendation with every stage it went through; ETag = its revision' })
  @ApiParam({ name: 'id', format: 'uuid' })
  async get(@Param('id', idPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<RecommendationView> {
    const found = await this.recommendations.get(id);
    if (!found) throw notFound();
    return respond(reply, found);
  }

  @Get()
  @Access(...READERS)
  @ApiOperation({ summary: "A year's recommendations, oldest first, with their current stage" })
  async list(@Query() { year, stage, minPosition }: ListRecommendationsParams) {
    await awaitPosition(this.runner, 'rea', minPosition);
    return { items: listRecommendations(this.runner.database('rea'), year, stage) };
  }
}
