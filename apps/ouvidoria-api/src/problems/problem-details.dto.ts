import type { FieldError } from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Problem } from './problem';

/** One input that was refused, and by which rule. */
@ApiSchema({ name: 'ProblemFieldError' })
export class ProblemFieldErrorDto implements FieldError {
  @ApiProperty({ description: 'Dotted path of the input, e.g. `requester.document`', example: 'requester.document' })
  field: string;

  @ApiProperty({ description: 'The rule it broke, stable for machines, e.g. `cpfOrCnpj`, `required`, `isIn`', example: 'cpfOrCnpj' })
  rule: string;

  @ApiProperty({ description: 'For people', example: 'document must be a CPF or CNPJ with valid check digits' })
  message: string;
}

/**
 * RFC 9457 problem details: the body of every error (`application/problem+json`). The OpenAPI
 * document gives every error response this schema (see `http/openapi.ts`).
 */
@ApiSchema({ name: 'ProblemDetails', description: 'RFC 9457 problem details, the body of every error (application/problem+json)' })
export class ProblemDetailsDto implements Problem {
  @ApiProperty({ description: 'A URN naming the kind of problem', example: 'urn:ouvidoria:problem:validation-failed' })
  type: string;

  @ApiProperty({ description: 'The HTTP status phrase', example: 'Bad Request' })
  title: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status: number;

  @ApiProperty({ description: 'What went wrong, for people', example: 'document must be a CPF or CNPJ with valid check digits' })
  detail: string;

  @ApiProperty({
    description: 'Stable code for machines, e.g. `VALIDATION_FAILED`, `MANIFESTATION_NOT_FOUND`, `CASE_CLOSED`, `REVISION_MISMATCH`',
    example: 'VALIDATION_FAILED',
  })
  code: string;

  @ApiProperty({
    required: false,
    description: 'The path of the request (no query string); absent when the request could not be read as HTTP',
    example: '/manifestations',
  })
  instance?: string;

  @ApiProperty({ required: false, type: [ProblemFieldErrorDto], description: 'For invalid input: each field refused' })
  errors?: ProblemFieldErrorDto[];
}
