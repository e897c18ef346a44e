import { z } from 'zod';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { migrateAccounts } from './service.js';

const config = loadConfigOrExit(z.object({ DATABASE_URL: envFields.databaseUrl }));
await migrateAccounts(config.DATABASE_URL);
process.stdout.write('accounts: migrations applied\n');
