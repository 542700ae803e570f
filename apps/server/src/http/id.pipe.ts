import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, isUuid } from '#domain';

/** An id in a path: anything that is not a UUID cannot name a record, so it is simply not found. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw new DomainError('NOT_FOUND', 'No such record');
    return value.toLowerCase();
  }
}
