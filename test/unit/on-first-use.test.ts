import { describe, expect, it } from 'vitest';
import { onFirstUse } from '../../shared/on-first-use';

describe('onFirstUse', () => {
  it('builds nothing until first asked, then builds once and keeps the value', () => {
    let builds = 0;
    const value = onFirstUse(() => ({ built: ++builds }));
    expect(builds).toBe(0);
    expect(value()).toEqual({ built: 1 });
    expect(value()).toBe(value());
    expect(builds).toBe(1);
  });

  it('keeps a value that is undefined without building it again', () => {
    let builds = 0;
    const value = onFirstUse(() => {
      builds++;
      return undefined;
    });
    value();
    value();
    expect(builds).toBe(1);
  });
});
