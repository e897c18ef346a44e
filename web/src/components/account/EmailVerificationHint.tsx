/** Shown while the signed-in user's e-mail address is unverified. */
export function EmailVerificationHint({ email }: { email: string }) {
  return (
    <p className="notice" role="status">
      Your e-mail address {email} is not verified yet: please open the link in the mail we sent to it.
    </p>
  );
}
