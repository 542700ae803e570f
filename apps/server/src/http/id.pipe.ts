import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '#domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in a path: anything that is not a UUID cannot name a record, so it is simply not found. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError('NOT_FOUND', 'No such record');
    return value.toLowerCase();
  }
}
