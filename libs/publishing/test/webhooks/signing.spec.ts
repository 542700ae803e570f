import { describe, expect, it } from '@jest/globals';
import { generateWebhookSecret, secretHint, signWebhook, verifyWebhookSignature, webhookHeaders } from '#publishing';

// The example of the Standard Webhooks specification, and one with a UTF-8 body; the expected
// signatures were computed apart from this code (Python's hmac, hashlib and base64).
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ARABIC_SECRET = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const ARABIC_ID = 'd3b07384-d9a0-4c9b-8f3e-1c2a3b4c5d6e';
const ARABIC_BODY = '{"id":"x","headline":"عنوان"}';
const NOW = 1_767_225_600;

describe('webhook signatures', () => {
  it('signs `id.timestamp.body` with HMAC-SHA256 under the decoded secret', () => {
    expect(signWebhook(SPEC_SECRET, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1_614_265_330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
    expect(webhookHeaders(ARABIC_SECRET, ARABIC_ID, NOW, ARABIC_BODY)).toEqual({
      'webhook-id': ARABIC_ID,
      'webhook-timestamp': '1767225600',
      'webhook-signature': 'v1,GYIufV/aRcS2p4G0GcgPeiEee9sYUQME09LXeXr1Dnc=',
    });
  });

  it('makes secrets of 32 random bytes behind whsec_, and hints at them by their end', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
    expect(secretHint(secret)).toBe(`whsec_…${secret.slice(-4)}`);
  });

  describe('verifyWebhookSignature', () => {
    const headers = webhookHeaders(ARABIC_SECRET, ARABIC_ID, NOW, ARABIC_BODY);

    it('accepts the request as sent, within five minutes either way', () => {
      for (const nowSeconds of [NOW, NOW + 300, NOW - 300]) {
        expect(verifyWebhookSignature(ARABIC_SECRET, headers, ARABIC_BODY, { nowSeconds })).toEqual({
          valid: true,
          id: ARABIC_ID,
          timestamp: NOW,
        });
      }
    });

    it('accepts any one of several space-separated signatures (a receiver during a rotation)', () => {
      const both = { ...headers, 'webhook-signature': `v1,bm90IGl0 ${headers['webhook-signature']}` };
      expect(verifyWebhookSignature(ARABIC_SECRET, both, ARABIC_BODY, { nowSeconds: NOW }).valid).toBe(true);
    });

    it.each([
      ['a tampered body', headers, ARABIC_BODY.replace('عنوان', 'عنوان!'), NOW, 'signature_mismatch'],
      ['another id', { ...headers, 'webhook-id': 'other' }, ARABIC_BODY, NOW, 'signature_mismatch'],
      [
        'a shifted timestamp',
        { ...headers, 'webhook-timestamp': String(NOW + 1) },
        ARABIC_BODY,
        NOW,
        'signature_mismatch',
      ],
      ['an old timestamp (a replay)', headers, ARABIC_BODY, NOW + 301, 'timestamp_outside_window'],
      ['a timestamp from the future', headers, ARABIC_BODY, NOW - 301, 'timestamp_outside_window'],
      ['no signature', { ...headers, 'webhook-signature': undefined }, ARABIC_BODY, NOW, 'missing_headers'],
      [
        'a timestamp that is not a number',
        { ...headers, 'webhook-timestamp': '1e9' },
        ARABIC_BODY,
        NOW,
        'missing_headers',
      ],
      [
        'a signature of another scheme',
        { ...headers, 'webhook-signature': 'v1a,xyz' },
        ARABIC_BODY,
        NOW,
        'signature_mismatch',
      ],
    ])('refuses %s', (_name, given, body, nowSeconds, reason) => {
      expect(verifyWebhookSignature(ARABIC_SECRET, given, body, { nowSeconds })).toEqual({ valid: false, reason });
    });

    it('refuses a signature made with another secret, and honours a narrower window', () => {
      expect(verifyWebhookSignature(generateWebhookSecret(), headers, ARABIC_BODY, { nowSeconds: NOW })).toEqual({
        valid: false,
        reason: 'signature_mismatch',
      });
      expect(
        verifyWebhookSignature(ARABIC_SECRET, headers, ARABIC_BODY, { nowSeconds: NOW + 31, toleranceSeconds: 30 }),
      ).toEqual({ valid: false, reason: 'timestamp_outside_window' });
    });
  });
});
