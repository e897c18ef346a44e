import { FieldError } from './FieldError';

export interface TextFieldProps {
  label: string;
  type: 'text' | 'email' | 'password';
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  /** The message of this field (from the server or validation), shown under it. */
  error: string | undefined | null;
}

/** A required, labelled text input with the message of its field under it. */
export function TextField({ label, type, value, onChange, autoComplete, error }: TextFieldProps) {
  return (
    <label>
      {label}
      <input
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        autoComplete={autoComplete}
        aria-invalid={!!error}
      />
      <FieldError message={error} />
    </label>
  );
}

/** The messages of a form that no field shows (errors.ts `otherMessages`). */
export function FormMessages({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <p className="error" role="alert">
      {messages.join(' ')}
    </p>
  );
}
