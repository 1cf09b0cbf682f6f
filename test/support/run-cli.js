// Runs `cli <command>` straight from the TypeScript sources, as `npm run cli -- <command>` runs the build.
require('./swc-register');
require('../../src/cli.ts');
