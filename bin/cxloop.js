#!/usr/bin/env node
// Runs the compiled CLI from dist/cli (scripts/build-cli.mjs), compiling it first when src/ changed,
// so a clone needs no separate build step and a call does not transpile TypeScript.
import { setFlagsFromString } from 'node:v8';
import { cliEntry } from '../scripts/build-cli.mjs';

// A larger young generation: ingest allocates many short-lived objects per request, and the
// default 16 MiB semi-space made scavenges a sizeable share of the server's time.
setFlagsFromString('--max-semi-space-size=64');
await import(await cliEntry());
