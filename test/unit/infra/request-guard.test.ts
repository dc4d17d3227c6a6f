import { describe, expect, it } from 'vitest';
import { hostProblem, isInside, keyFromPath, originProblem } from '../../../infra/local/request-guard';

describe('the local cloud request guard', () => {
  it("accepts only this server's loopback address and port as Host (DNS rebinding names another host)", () => {
    expect(hostProblem('127.0.0.1:3000', 3000)).toBeUndefined();
    expect(hostProblem('localhost:3000', 3000)).toBeUndefined();
    expect(hostProblem('[::1]:3000', 3000)).toBeUndefined();
    expect(hostProblem('evil.example:3000', 3000)).toMatch(/DNS rebinding/);
    expect(hostProblem('127.0.0.1:3001', 3000)).toMatch(/not this machine's loopback address and port/);
    expect(hostProblem('127.0.0.1', 3000)).toBeDefined();
    expect(hostProblem(undefined, 3000)).toMatch(/without a Host/);
  });

  it('accepts no Origin (scripts) or the local web origin, and refuses any other origin', () => {
    expect(originProblem(undefined, 3000)).toBeUndefined();
    expect(originProblem('http://127.0.0.1:3000', 3000)).toBeUndefined();
    expect(originProblem('http://localhost:3000', 3000)).toBeUndefined();
    expect(originProblem('https://evil.example', 3000)).toMatch(/cross-origin/);
    expect(originProblem('http://127.0.0.1:4000', 3000)).toBeDefined();
    expect(originProblem('null', 3000)).toBeDefined();
  });

  it('takes a plain object key from a URL path and refuses ".", ".." and empty segments, decoded or not', () => {
    const base = '/local/reports-bucket/';
    expect(keyFromPath('/local/reports-bucket/programme/current/index.html', base)).toBe('programme/current/index.html');
    expect(keyFromPath('/local/reports-bucket/reports/st%20helens/v1.html', base)).toBe('reports/st helens/v1.html');
    for (const bad of ['../visits-findings/x', '..%2Fvisits-findings%2Fx', '%2e%2e/x', 'reports/./x', 'reports//x', '', 'a%5C..%5Cb', 'a%00b', '%E0%A4%A']) {
      expect(keyFromPath(`${base}${bad}`, base), bad).toBeUndefined();
    }
  });

  it('tells a path inside a folder from one that leaves it', () => {
    expect(isInside('/data/s3/bucket', '/data/s3/bucket/a/b')).toBe(true);
    expect(isInside('/data/s3/bucket', '/data/s3/bucket')).toBe(true);
    expect(isInside('/data/s3/bucket', '/data/s3/other/a')).toBe(false);
    expect(isInside('/data/s3/bucket', '/data/s3/bucket/../../escape')).toBe(false);
    expect(isInside('/data/s3/bucket', '/data/s3/bucket/..x')).toBe(true);
  });
});
