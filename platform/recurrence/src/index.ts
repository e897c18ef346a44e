export {
  parseRecurrenceRule,
  RecurrenceInputError,
  type RecurrenceFrequency,
  type RecurrenceRule,
  type RecurrenceUntil,
  type RecurrenceWeekday,
} from './rule.js';
export {
  nextInstanceDue,
  occurrencesBetween,
  type DueAt,
  type NextInstance,
  type NextInstanceInput,
  type RecurrenceAnchor,
} from './occurrences.js';
