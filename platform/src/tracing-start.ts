/**
 * Every entry point's first import: starts tracing before the service's modules load
 * (ESM evaluates imports in order), so the instrumentations patch them first.
 */
import { startTracing } from './tracing.js';

startTracing();
