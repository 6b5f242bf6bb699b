import { FORWARDING_STATUSES, type ForwardingStatus } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageParams } from '../projections/read-params.dto';

export class DepartmentForwardingsParams extends PageParams {
  @ApiProperty({ enum: FORWARDING_STATUSES, required: false })
  @IsOptional()
  @IsIn(FORWARDING_STATUSES)
  status?: ForwardingStatus;
}
