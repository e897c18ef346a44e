import { useState, type FormEvent } from 'react';
import { formErrorsOf, noErrors, type FormErrors } from '../errors';

/**
 * The submit of a form whose server errors show per field: clears the errors, runs `action`
 * (`busy` meanwhile) and keeps what it throws as `errors` (errors.ts `formErrorsOf`);
 * `clearErrors` forgets them (the form is closed or changes mode).
 */
export function useFormSubmit(action: () => Promise<void>): {
  submit: (event: FormEvent) => void;
  busy: boolean;
  errors: FormErrors;
  clearErrors: () => void;
} {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setErrors(noErrors);
    try {
      await action();
    } catch (error) {
      setErrors(formErrorsOf(error));
    } finally {
      setBusy(false);
    }
  };
  return {
    submit: (event) => {
      event.preventDefault();
      void run();
    },
    busy,
    errors,
    clearErrors: () => setErrors(noErrors),
  };
}
