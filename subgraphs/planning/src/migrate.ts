import { z } from 'zod';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { migratePlanning } from './service.js';

const config = loadConfigOrExit(z.object({ DATABASE_URL: envFields.databaseUrl }));
await migratePlanning(config.DATABASE_URL);
process.stdout.write('planning: migrations applied\n');
