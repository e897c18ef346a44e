// GraphiQL wired to this origin: HTTP POST /graphql for queries and mutations, graphql-ws on
// ws(s)://<host>/graphql for subscriptions. The token goes in the Headers tab as
// {"Authorization": "Bearer <token>"}; over WebSocket it is sent as connectionParams.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';

const httpUrl = new URL('/graphql', window.location.href).toString();
const wsUrl = httpUrl.replace(/^http/, 'ws');

/** One fetcher (and one lazy graphql-ws client) per Authorization value from the header editor. */
const fetchers = new Map();
function fetcherFor(authorization) {
  let fetcher = fetchers.get(authorization);
  if (!fetcher) {
    const wsClient = createClient({
      url: wsUrl,
      lazy: true,
      connectionParams: authorization ? { authorization } : {},
    });
    fetcher = createGraphiQLFetcher({ url: httpUrl, wsClient });
    fetchers.set(authorization, fetcher);
  }
  return fetcher;
}

function fetcher(params, options) {
  const headers = (options && options.headers) || {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'authorization');
  const authorization = key ? String(headers[key]).trim() : '';
  return fetcherFor(authorization)(params, options);
}

const defaultQuery = `# Taskwire API. Sign in to get a token:
#
#   mutation { signIn(input: { email: "you@example.com", password: "…" }) { token } }
#
# then put it in the Headers tab below as {"Authorization": "Bearer <token>"}.

query Me {
  me {
    id
    email
    name
    timeZone
  }
}
`;

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    defaultHeaders: '{\n  "Authorization": ""\n}',
    shouldPersistHeaders: true,
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers',
  }),
);
