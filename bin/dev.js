#!/usr/bin/env -S node --import tsx
// Development entry: runs the TypeScript sources directly (needs `tsx`, not a dependency of attrib).
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
