// Runs `main worker` straight from the TypeScript sources, in a process of its own, so tests can
// send it SIGTERM or SIGKILL like an orchestrator would.
require('./swc-register');
require('../../src/main.ts');
