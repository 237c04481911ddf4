import { describe, expect, it } from 'vitest';

import { ArgsError, parsePlaygroundArgs } from '../src/args.js';

describe('npm start arguments', () => {
  it("defaults to port 8000 in each browser's language", () => {
    expect(parsePlaygroundArgs([])).toEqual({
      port: 8000,
      repoOnly: false,
      help: false,
    });
  });

  it('takes a port, a language and --repo-only', () => {
    expect(parsePlaygroundArgs(['--port', '0', '--lang', 'zh', '--repo-only'])).toEqual({
      port: 0,
      lang: 'zh',
      repoOnly: true,
      help: false,
    });
  });

  it.each([
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--port', '80.5'], /--port must be a whole number/],
    [['--port=-1'], /--port must be a whole number/],
    [['--lang', 'fr'], /--lang must be en or zh, not "fr"/],
    // users sign in on the console's login page now
    [['--user', 'viewer'], /Unknown option '--user'[\s\S]*Usage: npm start/],
    [['--colour'], /Unknown option '--colour'[\s\S]*Usage: npm start/],
    [['extra'], /Unexpected argument 'extra'[\s\S]*Usage: npm start/],
  ])('refuses %j, saying what to do', (argv, message) => {
    expect(() => parsePlaygroundArgs(argv)).toThrow(ArgsError);
    expect(() => parsePlaygroundArgs(argv)).toThrow(message);
  });
});
