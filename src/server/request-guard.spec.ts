import { describe, expect, it } from 'vitest';
import { isAllowedHost, isCrossSite } from './request-guard.ts';

describe(isAllowedHost.name, () => {
  it('should allow the loopback names with any port', () => {
    for (const host of [
      'localhost:8080',
      '127.0.0.1:3000',
      '[::1]:8080',
      'LocalHost',
      'localhost.',
    ])
      expect(isAllowedHost(host, []), host).toBe(true);
  });

  it('should refuse another name, as a DNS-rebinding page sends', () => {
    expect(isAllowedHost('evil.example:8080', [])).toBe(false);
    expect(isAllowedHost('127.0.0.1.evil.example', [])).toBe(false);
    expect(isAllowedHost(undefined, [])).toBe(false);
  });

  it('should refuse a Host header that is not a plain name and port', () => {
    expect(isAllowedHost('evil.example@localhost', [])).toBe(false);
    expect(isAllowedHost('localhost/x', [])).toBe(false);
  });

  it('should allow the names it is given, or any name with "*"', () => {
    expect(isAllowedHost('glimpse.lan:8080', ['glimpse.lan'])).toBe(true);
    expect(isAllowedHost('192.168.1.20:8080', ['*'])).toBe(true);
  });
});

describe(isCrossSite.name, () => {
  it('should treat a request without Origin as not cross-site', () => {
    expect(isCrossSite(undefined, 'localhost:8080')).toBe(false);
  });

  it('should accept an Origin naming this very server', () => {
    expect(isCrossSite('http://localhost:8080', 'localhost:8080')).toBe(false);
  });

  it('should flag another site, another port and an opaque "null" origin', () => {
    expect(isCrossSite('https://evil.example', 'localhost:8080')).toBe(true);
    expect(isCrossSite('http://localhost:9999', 'localhost:8080')).toBe(true);
    expect(isCrossSite('null', 'localhost:8080')).toBe(true);
  });
});
