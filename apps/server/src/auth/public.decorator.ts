import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'copydesk:public';

/** Marks a route that needs no sign-in (login, health probes). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
