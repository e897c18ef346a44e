import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig, ConfigError } from './config.js';
import { gatewaySecretCheck, gatewaySecretField, generateGatewaySecret } from './gateway-secret.js';

const schema = z.object({ GATEWAY_SECRET: gatewaySecretField });
const a = 'a'.repeat(32);
const b = 'b'.repeat(40);

describe('GATEWAY_SECRET', () => {
  it('is a comma-separated rotation list, trimmed', () => {
    expect(parseConfig(schema, { GATEWAY_SECRET: ` ${a} , ${b} ,` }).GATEWAY_SECRET).toEqual([a, b]);
  });

  it('is required, and refuses short or non-printable secrets, naming the variable', () => {
    for (const value of [undefined, '', ',', 'short', `${a} x`, `${'c'.repeat(31)}`, `${a}\u0000`]) {
      expect(() => parseConfig(schema, { GATEWAY_SECRET: value }), String(value)).toThrow(ConfigError);
      expect(() => parseConfig(schema, { GATEWAY_SECRET: value })).toThrow(/GATEWAY_SECRET/);
    }
  });

  it('accepts any secret of the list and nothing else', () => {
    const check = gatewaySecretCheck([a, b]);
    expect([a, b].map(check)).toEqual([true, true]);
    for (const presented of [undefined, '', 'a', `${a}a`, a.slice(1), [a, b], b.toUpperCase()])
      expect(check(presented), String(presented)).toBe(false);
  });

  it('generates secrets the variable accepts', () => {
    const secret = generateGatewaySecret();
    expect(parseConfig(schema, { GATEWAY_SECRET: secret }).GATEWAY_SECRET).toEqual([secret]);
    expect(generateGatewaySecret()).not.toBe(secret);
  });
});
