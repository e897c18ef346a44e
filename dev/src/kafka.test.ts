import { describe, expect, it } from 'vitest';
import { checkJava, newClusterId, PrerequisiteError } from './kafka.js';

describe('prerequisites of the local Kafka broker', () => {
  it('says what to install or set when Java is missing, instead of a stack trace', () => {
    const saved = process.env.JAVA_HOME;
    process.env.JAVA_HOME = '/nonexistent/jdk';
    try {
      expect(() => checkJava()).toThrow(PrerequisiteError);
      expect(() => checkJava()).toThrow(/Java 17 or newer.*\n.*JAVA_HOME[\s\S]*KAFKA_BROKERS/);
    } finally {
      if (saved === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved;
    }
  });

  it('accepts the Java installed here', () => {
    expect(() => checkJava()).not.toThrow();
  });
});

describe('KRaft cluster id', () => {
  it('is drawn again when it would start with "-", which the storage tool reads as an option', () => {
    const draws = [Buffer.from([0xf8, ...Array<number>(15).fill(1)]), Buffer.from(Array<number>(16).fill(7))];
    expect(draws[0]!.toString('base64url').startsWith('-')).toBe(true);
    let calls = 0;
    const id = newClusterId(() => draws[calls++]!);
    expect(calls).toBe(2);
    expect(id).toBe(draws[1]!.toString('base64url'));
  });

  it('is 22 base64url characters', () => {
    for (let i = 0; i < 200; i += 1) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
