// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
import { gatewayConfigSchema } from './env.js';
import { ensurePlaygroundBuilt } from './playground-build.js';
import { startGateway } from './service.js';
import { subscriptionsHook } from './subscriptions/server.js';

const config = loadConfigOrExit(gatewayConfigSchema);
const service = await startGateway(config, {
  onHttpServer: subscriptionsHook({
    maxSubscriptionsPerUser: config.MAX_SUBSCRIPTIONS_PER_USER,
    maxQueuedPerClient: config.MAX_QUEUED_EVENTS_PER_SUBSCRIPTION,
  }),
});
// Builds GraphiQL on first start when gateway/playground/dist is missing (served once ready).
if (config.PLAYGROUND_BUILD_ON_START) {
  void ensurePlaygroundBuilt(config.PLAYGROUND_DIST_DIR).catch((error) =>
    process.stderr.write(`gateway: playground build failed: ${String(error)}\n`),
  );
}
stopOnSignals('gateway', () => service.stop());
