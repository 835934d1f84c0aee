#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so a clone needs no build step.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// A larger young generation: ingest allocates many short-lived objects per request, and the
// default 16 MiB semi-space made scavenges a sizeable share of the server's time.
setFlagsFromString('--max-semi-space-size=64');
register();
await import('../src/app/cli/main.ts');
