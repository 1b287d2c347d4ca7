// Starts the local stack (provisioning it on first use) unless it is already running, and
// exports its addresses to the test workers.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const stack = path.join(__dirname, '../../deploy/local/stack.sh');

module.exports = async function globalSetup() {
  let running = true;
  try {
    execFileSync(stack, ['status'], { stdio: 'ignore' });
  } catch {
    running = false;
  }
  if (!running) execFileSync(stack, ['up'], { stdio: 'inherit' });
  process.env.MI_STACK_STARTED_BY_TESTS = running ? '' : '1';
  for (const line of execFileSync(stack, ['env']).toString().trim().split('\n')) {
    const [key, ...value] = line.split('=');
    if (!process.env[key]) process.env[key] = value.join('=');
  }
};
