import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { graphql } from '../../gql';
import { otherMessages } from '../../errors';
import { sessionStore } from '../../session';
import { FormMessages, TextField } from '../FormField';
import { useFormSubmit } from '../use-form-submit';

const DeleteAccount = graphql(`
  mutation DeleteAccount($password: String!) {
    deleteAccount(password: $password)
  }
`);

export const accountDeletedMessage = 'Your account and all of its data were deleted.';

/**
 * Deletes the account after a confirmation: the user opens the form, enters the password and
 * presses a button that says what happens. Deleted: back to sign-in with a message.
 */
export function DeleteAccountForm() {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [deleteAccount] = useMutation(DeleteAccount);
  const id = useId();
  const { submit, busy, errors, clearErrors } = useFormSubmit(async () => {
    await deleteAccount({ variables: { password } });
    sessionStore.signOut(accountDeletedMessage);
  });

  const general = otherMessages(errors, ['password']);
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Delete account</h2>
      {!open ? (
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          Delete account…
        </button>
      ) : (
        <form onSubmit={submit}>
          <p className="notice" role="note">
            This deletes your account, tasks, tags, reminders and history for good. It cannot be undone.
          </p>
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            error={errors.fields.password}
          />
          <FormMessages messages={general} />
          <div className="inline">
            <button type="submit" className="danger" disabled={busy}>
              Delete my account permanently
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setPassword('');
                clearErrors();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
