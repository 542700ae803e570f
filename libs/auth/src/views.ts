import type { DeskView, UserView } from '#contracts';
import type { DeskEntity, UserEntity } from '#persistence';

export function toUserView(user: Pick<UserEntity, 'id' | 'email' | 'displayName' | 'role'>): UserView {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}

export function toDeskView(desk: DeskEntity): DeskView {
  return { id: desk.id, name: desk.name };
}
