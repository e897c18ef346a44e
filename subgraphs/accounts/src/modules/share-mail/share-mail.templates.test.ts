import { describe, expect, it } from 'vitest';
import { oneLine, projectInvitationMail, projectSharedMail } from './share-mail.templates.js';

const publicUrl = 'https://app.taskwire.example/';

describe('oneLine', () => {
  it('turns line breaks and control characters into single spaces and trims', () => {
    expect(oneLine('  Groceries\r\n\nBcc: victim@example.com\t\u0007x  ')).toBe('Groceries Bcc: victim@example.com x');
    expect(oneLine('a\u2028b\u2029c\u0085d')).toBe('a b c d');
  });

  it('drops bidi overrides, keeps other letters and emoji', () => {
    expect(oneLine('Plan \u202egnp.exe\u202c 🇩🇪 Ärger')).toBe('Plan gnp.exe 🇩🇪 Ärger');
  });

  it('cuts long text at a code point boundary with an ellipsis', () => {
    const cut = oneLine('😀'.repeat(50), 10);
    expect([...cut]).toHaveLength(10);
    expect(cut).toBe(`${'😀'.repeat(9)}…`);
    expect(oneLine('short', 10)).toBe('short');
  });
});

describe('projectSharedMail', () => {
  const mail = (over: Partial<Parameters<typeof projectSharedMail>[0]> = {}) =>
    projectSharedMail({
      publicUrl,
      recipientName: 'Bo',
      sharerName: 'Ann Owner',
      projectName: 'Groceries',
      role: 'EDITOR',
      ...over,
    });

  it('names the sharer, the project and the role, and links to the web app', () => {
    const { subject, body } = mail();
    expect(subject).toBe('The Taskwire project "Groceries" was shared with you');
    expect(body).toContain('Hello Bo,');
    expect(body).toContain('Ann Owner shared the project "Groceries" with you as editor.');
    expect(body).toContain('add, change and complete its tasks');
    expect(body).toContain('\nhttps://app.taskwire.example/\n');
    expect(mail({ role: 'VIEWER' }).body).toContain('with you as viewer.\nYou can see its tasks;');
  });

  it('keeps a project name with line breaks on one line in the subject and the body', () => {
    const { subject, body } = mail({ projectName: 'Week\nplan\r\nSubject: spoofed' });
    expect(subject).toBe('The Taskwire project "Week plan Subject: spoofed" was shared with you');
    expect(body.split('\n')).toContain('Ann Owner shared the project "Week plan Subject: spoofed" with you as editor.');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('names nobody in the subject and a neutral sharer when their account is gone', () => {
    expect(mail().subject).not.toContain('Ann');
    expect(mail({ sharerName: null }).body).toContain('A Taskwire user shared the project "Groceries"');
    expect(mail({ sharerName: ' \n ' }).body).toContain('A Taskwire user shared');
    expect(mail({ projectName: '\n' }).subject).toBe('The Taskwire project an unnamed project was shared with you');
  });
});

describe('projectInvitationMail', () => {
  const mail = (over: Partial<Parameters<typeof projectInvitationMail>[0]> = {}) =>
    projectInvitationMail({
      publicUrl,
      email: 'new.person@example.com',
      inviterName: 'Ann Owner',
      projectName: 'Groceries',
      role: 'VIEWER',
      ...over,
    });

  it('names the inviter and the project, links to sign up, and says the address must be verified', () => {
    const { subject, body } = mail();
    expect(subject).toBe('You are invited to the Taskwire project "Groceries"');
    expect(body).toContain('Ann Owner invited you to the project "Groceries" on Taskwire as viewer');
    expect(body).toContain('sign up with this address (new.person@example.com)');
    expect(body).toContain('\nhttps://app.taskwire.example/\n');
    expect(body).toContain('The address must be verified');
  });

  it('keeps user input on one line and names an unknown inviter neutrally', () => {
    const { subject, body } = mail({ projectName: 'A\nB', inviterName: null });
    expect(subject).toBe('You are invited to the Taskwire project "A B"');
    expect(body).toContain('A Taskwire user invited you to the project "A B" on Taskwire');
  });
});
