#!/usr/bin/env node
// The `corespond` command, run from the checkout: TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
