import { badUserInput } from '@taskwire/platform/errors';
import { colorInput, textInput } from '@taskwire/platform/input';

export const maxTagNameLength = 50;

/** Trims and checks a one-line tag name (1–50 characters). @throws BAD_USER_INPUT naming `field`. */
export function parseTagName(field: string, value: string): string {
  const name = textInput(value.trim(), field);
  if (name.length < 1 || [...name].length > maxTagNameLength) {
    throw badUserInput(
      field,
      `${field} must be 1-${maxTagNameLength} characters after trimming, got ${JSON.stringify(value)}`,
    );
  }
  return name;
}

/** Checks a `#rrggbb` colour and lower-cases it; null/undefined mean no colour. */
export function parseColor(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return colorInput(value, field);
}

export const maxOffsetMinutes = 525_600;

/** An id argument: text PostgreSQL can compare (no NUL or other control character). @throws BAD_USER_INPUT naming `field`. */
export function parseId(field: string, value: string): string {
  return textInput(value, field);
}
