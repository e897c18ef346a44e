import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { createAppClient } from './apollo';
import { SignIn } from './components/SignIn';
import { TaskList } from './components/TaskList';
import { ReminderCenter } from './components/ReminderCenter';
import { sessionStore } from './session';

export function App() {
  const { session, notice } = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const token = session?.token ?? null;
  const client = useMemo(() => (token ? createAppClient(token) : null), [token]);
  useEffect(() => () => client?.dispose(), [client]);

  if (!session || !client) return <SignIn notice={notice} />;
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
