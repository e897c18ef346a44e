import { ApolloProvider } from '@apollo/client/react';
import { useSyncExternalStore } from 'react';
import { sessionClient } from './apollo';
import { SignIn } from './components/SignIn';
import { TaskList } from './components/TaskList';
import { ReminderCenter } from './components/ReminderCenter';
import { sessionStore } from './session';

export function App() {
  const { session, notice } = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const client = useSyncExternalStore(sessionStore.subscribe, sessionClient);

  if (!session) return <SignIn notice={notice} />;
  if (!client) return null;
  return (
    <ApolloProvider client={client.apollo}>
      <div className="app">
        <header className="app-header">
          <h1>Taskwire</h1>
          <span className="who" title={session.user.email}>
            {session.user.name} · {session.user.timeZone}
          </span>
          <button type="button" onClick={() => sessionStore.signOut()}>
            Sign out
          </button>
        </header>
        <ReminderCenter ws={client.ws} />
        <main>
          <TaskList user={session.user} />
        </main>
      </div>
    </ApolloProvider>
  );
}
