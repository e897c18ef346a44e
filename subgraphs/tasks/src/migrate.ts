import { z } from 'zod';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { migrateTasks } from './service.js';

const config = loadConfigOrExit(z.object({ DATABASE_URL: envFields.databaseUrl }));
await migrateTasks(config.DATABASE_URL);
process.stdout.write('tasks: migrations applied\n');
