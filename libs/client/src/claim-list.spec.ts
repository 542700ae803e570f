import { describe, expect, it } from '@jest/globals';
import type { DraftClaim } from '#contracts';
import { ClaimList } from './claim-list.js';

const claim = (id: string, text = 'رقم 90') => ({ id, text }) as DraftClaim;

describe('ClaimList', () => {
  it('applies changes and closures as the claims event gives them', () => {
    const list = new ClaimList();
    list.apply({ changed: [claim('a'), claim('b')], closed: [] });
    list.apply({ changed: [claim('a', 'رقم 91')], closed: ['b'] });
    expect([...list.all.values()]).toEqual([claim('a', 'رقم 91')]);
  });

  it('takes a re-join’s full list, reporting the claims gone as closed', () => {
    const list = new ClaimList();
    list.apply({ changed: [claim('a'), claim('b')], closed: [] });
    expect(list.replace([claim('b'), claim('c')])).toEqual({ changed: [claim('b'), claim('c')], closed: ['a'] });
    expect([...list.all.keys()]).toEqual(['b', 'c']);
  });
});
