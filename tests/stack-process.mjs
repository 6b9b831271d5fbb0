// The browser tests' stack (tests/stack.ts, vitest's globalSetup) in a process of its own, for
// e2e/stack.test.ts: prints what the setup provides as one JSON line, then runs until it is
// signalled, or until a line "exit" on stdin makes it exit at once, as vitest does on a signal.
import setup from './stack.ts';

const provided = {};
await setup({ provide: (key, value) => (provided[key] = value) });
process.stdout.write(`${JSON.stringify(provided.stack)}\n`);
process.stdin.setEncoding('utf8').on('data', (line) => {
  if (line.trim() === 'exit') process.exit(0);
});
