import { describe, expect, it } from 'vitest';
import { checkJava, PrerequisiteError } from './kafka.js';

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
