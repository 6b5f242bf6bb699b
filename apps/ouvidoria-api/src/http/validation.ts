import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { validateInput } from '../input/validate';

const PLAIN = new Set<unknown>([String, Boolean, Number, Array, Object, Buffer, Date]);

/** Every body and query DTO through `validateInput`, as the Kafka intake's messages go. */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  transform(value: unknown, { type, metatype }: ArgumentMetadata): unknown {
    if ((type !== 'body' && type !== 'query') || !metatype || PLAIN.has(metatype)) return value;
    return validateInput(metatype as ClassConstructor<object>, value, type);
  }
}
