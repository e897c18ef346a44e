import { z } from 'zod';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { migrateAudit } from './service.js';

// CLI: migrates only the audit schema.
const config = loadConfigOrExit(z.object({ DATABASE_URL: envFields.databaseUrl }));
await migrateAudit(config.DATABASE_URL);
process.stdout.write('audit: migrated\n');
