import { ApolloProvider } from '@apollo/client/react';
import { useSyncExternalStore } from 'react';
import { sessionClient } from './apollo';
import { EmailVerificationHint } from './components/account/EmailVerificationHint';
import { ResetPasswordPage } from './components/account/ResetPasswordPage';
import { VerifyEmailPage } from './components/account/VerifyEmailPage';
import { SettingsPage } from './components/account/SettingsPage';
import { LiveChanges } from './components/LiveChanges';
import { ProjectSidebar } from './components/projects/ProjectSidebar';
import { SignIn } from './components/SignIn';
import { TaskList } from './components/TaskList';
import { ReminderCenter } from './components/ReminderCenter';
import { ThemeToggle } from './components/ThemeToggle';
import { TrashPage } from './components/trash/TrashPage';
import { UndoToast } from './components/UndoToast';
import { KeyboardShortcuts } from './components/KeyboardShortcuts';
import { navigate, taskViewOf, useRoute } from './route';
import { sessionStore } from './session';
import { signOut } from './session-api';

export function App() {
  const { status, session, notice } = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const client = useSyncExternalStore(sessionStore.subscribe, sessionClient);
  const route = useRoute();

  // The pages the account mails link to work signed in or not.
  if (route.path === '/reset-password') return <ResetPasswordPage token={route.params.get('token') ?? ''} />;
  if (route.path === '/verify-email') return <VerifyEmailPage token={route.params.get('token') ?? ''} />;
  if (status === 'restoring') {
    return (
      <main className="auth" aria-busy="true">
        <h1>Taskwire</h1>
        <p className="hint">Loading…</p>
      </main>
    );
  }
  if (!session) return <SignIn notice={notice} />;
  if (!client) return null;
  const settings = route.path === '/settings';
  const trash = route.path === '/trash';
  const view = taskViewOf(route.path);
  return (
    <ApolloProvider client={client.apollo}>
      <div className="app">
        <header className="app-header">
          <h1>Taskwire</h1>
          <span className="who" title={session.user.email}>
            {session.user.name} · {session.user.timeZone}
          </span>
          <ThemeToggle />
          <button
            type="button"
            aria-current={trash ? 'page' : undefined}
            onClick={() => navigate(trash ? '/' : '/trash')}
          >
            {trash ? 'Tasks' : 'Trash'}
          </button>
          <button type="button" onClick={() => navigate(settings ? '/' : '/settings')}>
            {settings ? 'Tasks' : 'Settings'}
          </button>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </header>
        {!session.user.emailVerified && <EmailVerificationHint email={session.user.email} />}
        <ReminderCenter ws={client.ws} />
        <LiveChanges ws={client.ws} />
        <UndoToast />
        <KeyboardShortcuts />
        {settings ? (
          <main>
            <SettingsPage user={session.user} />
          </main>
        ) : trash ? (
          <main>
            <TrashPage />
          </main>
        ) : (
          <div className="workspace">
            <ProjectSidebar view={view} />
            <main>
              <TaskList user={session.user} view={view} />
            </main>
          </div>
        )}
      </div>
    </ApolloProvider>
  );
}
