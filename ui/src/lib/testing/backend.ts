// A backend for component tests: the commands a test names, each a typed
// function standing in for the shell; any other command a component calls
// fails the test with its name, so a test says everything the screen asks.
import type { Backend } from '$lib/commands';

export function testBackend(commands: Partial<Backend>): Backend {
  return new Proxy(commands as Backend, {
    get(given, name: string) {
      const command = given[name as keyof Backend];
      if (command) return command;
      return () => Promise.reject(new Error(`the test backend has no command ${name}`));
    }
  });
}
