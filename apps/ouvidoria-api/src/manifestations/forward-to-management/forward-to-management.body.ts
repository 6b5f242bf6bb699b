import { DEPARTMENT_CODE_PATTERN, MAX_FORWARDING_BUSINESS_DAYS } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsDepartmentCode, NotBlank } from '../../input/validators';

export class ForwardToManagementBody {
  /** Department code, e.g. `autorizacoes` or `financeiro`. */
  @ApiProperty({ pattern: DEPARTMENT_CODE_PATTERN.source, example: 'regulacao' })
  @IsString()
  @IsDepartmentCode()
  department: string;

  @IsString()
  @Length(1, 5000)
  @NotBlank()
  instructions: string;

  /** The department's own deadline, in business days from now. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FORWARDING_BUSINESS_DAYS)
  dueInBusinessDays?: number;

  /** Let the department see the requester's e-mail and phone (default false; refused for a DENUNCIA). */
  @IsOptional()
  @IsBoolean()
  shareRequesterContact?: boolean;

  /** Attachments of the case the department may see and download (ids; none by default). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  attachments?: string[];
}
