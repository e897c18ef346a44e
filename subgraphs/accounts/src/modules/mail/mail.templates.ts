/*
 * The texts of accounts' mails. Links are built on PUBLIC_URL with the paths the web app serves
 * (`/reset-password`, `/verify-email`), the token in the query string.
 */

export interface AccountMail {
  subject: string;
  body: string;
}

function link(publicUrl: string, path: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
}

export function passwordResetMail(input: {
  publicUrl: string;
  token: string;
  name: string;
  validMinutes: number;
}): AccountMail {
  return {
    subject: 'Reset your Taskwire password',
    body:
      `Hello ${input.name},\n\nsomeone (hopefully you) asked to reset the password of your Taskwire account.\n` +
      `Set a new one here (the link works once, for ${input.validMinutes} minutes):\n\n` +
      `${link(input.publicUrl, '/reset-password', input.token)}\n\n` +
      `If you did not ask for this, ignore this mail: your password stays as it is.\n`,
  };
}

export function verifyEmailMail(input: {
  publicUrl: string;
  token: string;
  name: string;
  validHours: number;
  change: boolean;
}): AccountMail {
  return {
    subject: input.change ? 'Confirm your new Taskwire e-mail address' : 'Verify your Taskwire e-mail address',
    body:
      `Hello ${input.name},\n\n` +
      (input.change
        ? 'please confirm that this is the new e-mail address of your Taskwire account; the change takes effect when you follow the link.\n'
        : 'please confirm that this is the e-mail address of your new Taskwire account.\n') +
      `The link works once, for ${input.validHours} hours:\n\n` +
      `${link(input.publicUrl, '/verify-email', input.token)}\n\n` +
      `If you did not ask for this, ignore this mail.\n`,
  };
}
