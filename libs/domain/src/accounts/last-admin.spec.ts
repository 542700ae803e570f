import { describe, expect, it } from '@jest/globals';
import { checkAnAdminRemains, mayRemoveAnAdmin, type AdminStanding } from './last-admin.js';

const admin: AdminStanding = { role: 'admin', disabled: false };
const codeOf = (run: () => void): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('checkAnAdminRemains', () => {
  it.each<[string, AdminStanding, string]>([
    ['demoted', { role: 'editor', disabled: false }, 'CONFLICT'],
    ['disabled', { role: 'admin', disabled: true }, 'CONFLICT'],
    ['demoted and disabled', { role: 'reporter', disabled: true }, 'CONFLICT'],
    ['renamed (still an active admin)', admin, 'ok'],
  ])('the last active admin %s: %s', (_, after, expected) => {
    expect(codeOf(() => checkAnAdminRemains(['a'], 'a', admin, after))).toBe(expected);
  });

  it('lets an admin go when another active admin remains', () => {
    expect(codeOf(() => checkAnAdminRemains(['a', 'b'], 'a', admin, { role: 'editor', disabled: false }))).toBe('ok');
  });

  it('does not count the user themself twice, nor stand in the way of users who are not active admins', () => {
    expect(codeOf(() => checkAnAdminRemains(['a'], 'a', admin, { role: 'admin', disabled: true }))).toBe('CONFLICT');
    const disabledAdmin = { role: 'admin' as const, disabled: true };
    expect(codeOf(() => checkAnAdminRemains(['a'], 'b', disabledAdmin, { role: 'editor', disabled: true }))).toBe('ok');
    const editor = { role: 'editor' as const, disabled: false };
    expect(codeOf(() => checkAnAdminRemains([], 'b', editor, { role: 'editor', disabled: true }))).toBe('ok');
  });

  it('says what was refused and what to do instead', () => {
    expect(() => checkAnAdminRemains(['a'], 'a', admin, { role: 'admin', disabled: true })).toThrow(
      'This is the last active admin: it cannot be disabled. Make another user an admin first.',
    );
    expect(() => checkAnAdminRemains(['a'], 'a', admin, { role: 'editor', disabled: false })).toThrow(
      'This is the last active admin: it cannot be given another role. Make another user an admin first.',
    );
  });
});

describe('mayRemoveAnAdmin', () => {
  it.each([
    [{ role: 'editor' as const }, true],
    [{ disabled: true }, true],
    [{ role: 'admin' as const }, false],
    [{ disabled: false }, false],
    [{}, false],
  ])('%j: %p', (change, expected) => {
    expect(mayRemoveAnAdmin(change)).toBe(expected);
  });
});
