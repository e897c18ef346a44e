import { badUserInput } from '@taskwire/platform/errors';
import { emailInput, textInput } from '@taskwire/platform/input';

export const passwordMinLength = 10;
export const passwordMaxLength = 256;

/** Trimmed e-mail as the user typed it (case kept; uniqueness is case-insensitive). */
export function validateEmail(field: string, raw: string): string {
  return emailInput(raw, field);
}

/**
 * Policy: 10–256 characters, at least two kinds of character (lower case, upper case, digits,
 * other), and not the e-mail address or its local part. Never echoes the password.
 */
export function validatePassword(field: string, password: string, email: string): void {
  const length = [...password].length;
  if (length < passwordMinLength) {
    throw badUserInput(field, `expected a password of at least ${passwordMinLength} characters, got ${length}`);
  }
  if (length > passwordMaxLength) {
    throw badUserInput(field, `expected a password of at most ${passwordMaxLength} characters, got ${length}`);
  }
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) => re.test(password)).length;
  if (kinds < 2) {
    throw badUserInput(
      field,
      'expected a password mixing at least two kinds of character (lower case, upper case, digits, symbols), got only one kind',
    );
  }
  const lowered = password.toLowerCase();
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lowered === email.toLowerCase() || (local.length >= 4 && lowered.includes(local))) {
    throw badUserInput(field, 'expected a password unrelated to the e-mail address, got one containing it');
  }
}

/** The e-mail a sign-in names, as the key its throttling and lookup use (lower case, trimmed). */
export function signInEmailKey(field: string, raw: string): string {
  return textInput(raw.trim(), field).toLowerCase();
}

export function validateName(field: string, raw: string): string {
  const name = textInput(raw.trim(), field);
  if (name.length === 0 || name.length > 100) {
    throw badUserInput(field, `expected a name of 1 to 100 characters, got ${name.length} characters`);
  }
  return name;
}
