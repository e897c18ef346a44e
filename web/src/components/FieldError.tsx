/** A server or validation message shown under the field it concerns. */
export function FieldError({ message }: { message: string | undefined | null }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert">
      {message}
    </span>
  );
}
