import { Transform } from 'class-transformer';
import { IsString } from 'class-validator';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knownVariables, resolveFileSecrets } from './load-environment';
import { InvalidEnvironmentError } from './validate-environment';

describe('resolveFileSecrets', () => {
  let dir: string;
  const secretFile = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };
  const errorOf = (env: NodeJS.ProcessEnv): InvalidEnvironmentError => {
    try {
      resolveFileSecrets(env);
    } catch (error) {
      return error as InvalidEnvironmentError;
    }
    throw new Error('expected resolveFileSecrets to throw');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('When X_FILE names a file, then X is its content without the trailing newline and X_FILE is removed', () => {
    const env: NodeJS.ProcessEnv = {
      JWT_SECRET_FILE: secretFile('jwt', 'a-secret-from-a-mounted-file-0123456789\n'),
      DATABASE_URL_FILE: secretFile('db', 'postgres://app:pa ss@db/keel\r\n'),
      PORT: '3000',
    };
    resolveFileSecrets(env);
    expect(env).toEqual({
      JWT_SECRET: 'a-secret-from-a-mounted-file-0123456789',
      DATABASE_URL: 'postgres://app:pa ss@db/keel',
      PORT: '3000',
    });
  });

  it('When the file has no trailing newline or inner newlines, then content is kept exactly (only one final newline is dropped)', () => {
    const env: NodeJS.ProcessEnv = {
      A_FILE: secretFile('a', '  spaced secret  '),
      B_FILE: secretFile('b', 'line1\nline2\n\n'),
    };
    resolveFileSecrets(env, ['A', 'B']);
    expect(env.A).toBe('  spaced secret  ');
    expect(env.B).toBe('line1\nline2\n');
  });

  it('When both X and X_FILE are set, then the error names X and neither value is printed', () => {
    const error = errorOf({ JWT_SECRET: 'inline-secret-value-0123456789abcdef', JWT_SECRET_FILE: secretFile('jwt', 'file-secret-value') });
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    expect(error.problems).toEqual([expect.stringMatching(/^JWT_SECRET \(invalid\): set either JWT_SECRET or JWT_SECRET_FILE/)]);
    expect(error.message).not.toContain('inline-secret-value');
    expect(error.message).not.toContain('file-secret-value');
  });

  it('When X is empty and X_FILE is set, then the file wins (empty counts as unset)', () => {
    const env: NodeJS.ProcessEnv = { REDIS_URL: '', REDIS_URL_FILE: secretFile('redis', 'rediss://u:p@cache:6380\n') };
    resolveFileSecrets(env);
    expect(env.REDIS_URL).toBe('rediss://u:p@cache:6380');
  });

  it('When X_FILE names a missing file, then the error names X and the path, with the error code', () => {
    const missing = join(dir, 'nope');
    const error = errorOf({ DATABASE_URL_FILE: missing });
    expect(error.problems).toEqual([`DATABASE_URL (invalid): DATABASE_URL_FILE names a file that cannot be read (${missing}: ENOENT)`]);
  });

  it('When X_FILE names a directory, then it is a boot error, not a crash', () => {
    expect(errorOf({ REDIS_URL_FILE: dir }).problems[0]).toMatch(/^REDIS_URL \(invalid\).*EISDIR/);
  });

  it('When several *_FILE variables are bad, then one error names every one', () => {
    const error = errorOf({
      JWT_SECRET_FILE: join(dir, 'x'),
      DATABASE_URL: '1',
      DATABASE_URL_FILE: secretFile('b', '2'),
      REDIS_URL_FILE: secretFile('c', 'ok'),
    });
    expect(error.problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'JWT_SECRET']);
  });

  it('When X_FILE is empty, then it is ignored and removed', () => {
    const env: NodeJS.ProcessEnv = { JWT_SECRET_FILE: '', PORT: '1' };
    resolveFileSecrets(env);
    expect(env).toEqual({ PORT: '1' });
  });

  it('When another program has a *_FILE variable, then it is left alone even if the file is missing', () => {
    const env: NodeJS.ProcessEnv = { TF_CLI_CONFIG_FILE: join(dir, 'missing'), BASH_ENV_FILE: '/nope', PORT: '1' };
    resolveFileSecrets(env);
    expect(env).toEqual({ TF_CLI_CONFIG_FILE: join(dir, 'missing'), BASH_ENV_FILE: '/nope', PORT: '1' });
  });

  it('When asked which variables may come from files, then every validated variable (with or without a default) and the migration URL are listed', () => {
    expect(knownVariables()).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'JWT_SECRET', 'PORT', 'RATE_LIMIT_ENABLED']),
    );
    expect(knownVariables()).not.toContain('TF_CLI_CONFIG');
  });

  it("When contexts' settings classes are given, then their variables are listed too, with or without a validator", () => {
    class SampleContextEnvironment {
      @IsString()
      SAMPLE_API_KEY = 'k';

      @Transform(({ value }) => value === 'true')
      SAMPLE_SWITCH = false;
    }
    expect(knownVariables([SampleContextEnvironment])).toEqual(expect.arrayContaining(['JWT_SECRET', 'SAMPLE_API_KEY', 'SAMPLE_SWITCH']));
    expect(knownVariables()).not.toContain('SAMPLE_API_KEY');
    const env: NodeJS.ProcessEnv = { SAMPLE_API_KEY_FILE: secretFile('sample', 'from-a-file\n') };
    resolveFileSecrets(env, knownVariables([SampleContextEnvironment]));
    expect(env).toEqual({ SAMPLE_API_KEY: 'from-a-file' });
  });
});
