import { badUserInput } from '@taskwire/platform/errors';

export const passwordMinLength = 10;
export const passwordMaxLength = 256;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function describe(value: string, max = 40): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/** Trimmed e-mail as the user typed it (case kept; uniqueness is case-insensitive). */
export function validateEmail(field: string, raw: string): string {
  const email = raw.trim();
  if (email.length === 0 || email.length > 254 || !emailPattern.test(email)) {
    throw badUserInput(field, `expected an e-mail address like name@example.com, got ${describe(email)}`);
  }
  return email;
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

export function validateName(field: string, raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || name.length > 100) {
    throw badUserInput(field, `expected a name of 1 to 100 characters, got ${name.length} characters`);
  }
  return name;
}

/**
 * Accepts IANA zone names (any case) and returns the canonical spelling (`europe/berlin` →
 * `Europe/Berlin`). Offsets like `+01:00` are refused: they carry no DST rules.
 */
export function validateTimeZone(field: string, raw: string): string {
  const value = raw.trim();
  const canonical = zoneSpellings().get(value.toLowerCase());
  if (canonical) return canonical;
  // Aliases ICU accepts but does not list (e.g. America/Argentina/Buenos_Aires) keep their spelling.
  if (/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$/.test(value)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return value;
    } catch {
      // fall through to the error below
    }
  }
  throw badUserInput(field, `expected an IANA time zone such as Europe/Berlin or UTC, got ${describe(value)}`);
}

let spellings: Map<string, string> | undefined;
function zoneSpellings(): Map<string, string> {
  spellings ??= new Map([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((zone) => [zone.toLowerCase(), zone]));
  return spellings;
}
