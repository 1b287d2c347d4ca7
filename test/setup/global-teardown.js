// Stops the stack only when this test run started it.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalTeardown() {
  if (process.env.MI_STACK_STARTED_BY_TESTS === '1') {
    execFileSync(path.join(__dirname, '../../deploy/local/stack.sh'), ['down'], { stdio: 'inherit' });
  }
};
