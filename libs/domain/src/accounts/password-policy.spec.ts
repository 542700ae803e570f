import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { checkNewPassword, PASSWORD_MAX_LENGTH, passwordProblems } from './password-policy.js';
import { personalWords } from './password-strength.js';

const RIMA = { email: 'rima.zoubi@example.test', displayName: 'Rima Zoubi' };

describe('passwordProblems', () => {
  // Issue 14, finding 1: each of these was accepted.
  it.each([
    ['12345678', /at least 10 characters long \(it has 8\)/],
    ['password', /at least 10 characters/],
    ['        ', /at least 10 characters/],
    ['\0'.repeat(8), /control characters/],
    ['1234567890', /too easy to guess/],
    ['          ', /too easy to guess/],
    ['Password123', /too easy to guess: This is a commonly used password/],
    ['qwertyuiopasdf', /too easy to guess/],
    ['copydesk-demo', /too easy to guess/],
  ])('refuses %j', async (password, reason) => {
    const problems = await passwordProblems(password, RIMA);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ')).toMatch(reason);
  });

  it('says every reason at once: eight NUL characters are too short and control characters', async () => {
    expect(await passwordProblems('\0'.repeat(8))).toEqual([
      'password must be at least 10 characters long (it has 8)',
      'password must not contain control characters such as NUL, tab or line breaks',
    ]);
  });

  it.each([
    ['a tab', 'kettle orchard\tviolin dusk'],
    ['a line break', 'kettle orchard violin dusk\n'],
    ['DEL', 'kettle orchard violin dusk\u007f'],
    ['a C1 control', 'kettle orchard violin\u0085dusk'],
  ])('refuses %s inside an otherwise strong passphrase', async (_, password) => {
    expect(await passwordProblems(password)).toEqual([
      'password must not contain control characters such as NUL, tab or line breaks',
    ]);
  });

  it('refuses text that is not valid Unicode (an unpaired surrogate)', async () => {
    expect(await passwordProblems('kettle orchard violin \uD83D dusk')).toEqual([
      'password must be valid Unicode text (it has an unpaired surrogate)',
    ]);
  });

  // NIST SP 800-63B: "users should be encouraged to make their passwords as lengthy as they want".
  it.each([
    ['an English passphrase', 'kettle orchard violin dusk'],
    ['an Arabic passphrase', 'الصحافة الحرة تحتاج صبرا طويلا'],
    ['a short Arabic passphrase', 'سماء بيروت زرقاء'],
    ['Arabic with diacritics and Arabic-Indic digits', 'قَهوةُ الصباحِ عند ٧ والمطر'],
    ['a password manager’s random string', 'x7#Lq9v!Tz2pWm'],
    ['the longest allowed', 'kettle orchard violin dusk '.repeat(10).slice(0, PASSWORD_MAX_LENGTH)],
  ])('accepts %s', async (_, password) => {
    expect(await passwordProblems(password, RIMA)).toEqual([]);
  });

  it('counts characters, not UTF-16 units: nine emoji are too short, 257 Arabic letters too long', async () => {
    expect(await passwordProblems('🦉🌵🎻🚲🧭🪁🍋🌋🛶')).toEqual([
      'password must be at least 10 characters long (it has 9)',
    ]);
    const arabic = 'مطر بيروت ';
    expect(await passwordProblems(arabic.repeat(26).slice(0, 257))).toEqual([
      'password must be at most 256 characters long (it has 257)',
    ]);
    expect(await passwordProblems('🦉🌵🎻🚲🧭🪁🍋🌋🛶🦔')).toEqual([]);
  });

  it('refuses a password built on its owner’s email or name that would pass for anyone else', async () => {
    for (const password of ['RimaZoubi!!', 'rimazoubi2024', 'rima.zoubi1', 'rima.zoubi@example.test']) {
      expect(await passwordProblems(password)).toEqual([]);
      expect((await passwordProblems(password, RIMA))[0]).toBe(
        'password is too easy to guess: There should not be any personal or page related data.',
      );
    }
  });

  it('gives the estimator’s advice after the refusal', async () => {
    expect(await passwordProblems('Password123')).toEqual([
      'password is too easy to guess: This is a commonly used password.',
      'Add more words that are less common.',
      'Capitalize more than the first letter.',
    ]);
  });
});

describe('personalWords', () => {
  it('takes the service’s name and the owner’s email and name, whole and in parts of three letters or more', () => {
    expect(personalWords({ email: 'Noor.Al-Haddad@News.example', displayName: 'نور الحداد' }).sort()).toEqual(
      [
        'copydesk',
        'noor.al-haddad@news.example',
        'noor.al-haddad',
        'noor',
        'haddad',
        'news',
        'example',
        'نور الحداد',
        'نورالحداد',
        'نور',
        'الحداد',
      ].sort(),
    );
  });
});

describe('checkNewPassword', () => {
  it('refuses with VALIDATION_FAILED listing the reasons under the field', async () => {
    let caught: unknown;
    try {
      await checkNewPassword('12345678');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The password was refused: password must be at least 10 characters long (it has 8).',
      details: {
        fields: [{ field: 'password', messages: ['password must be at least 10 characters long (it has 8)'] }],
      },
    });
  });

  it('names the field it is told to', async () => {
    await expect(checkNewPassword('password', {}, 'newPassword')).rejects.toThrow(
      expect.objectContaining({
        details: {
          fields: [{ field: 'newPassword', messages: ['newPassword must be at least 10 characters long (it has 8)'] }],
        },
      }),
    );
  });

  it('lets a good password through', async () => {
    await expect(checkNewPassword('الصحافة الحرة تحتاج صبرا طويلا', RIMA)).resolves.toBeUndefined();
  });
});
