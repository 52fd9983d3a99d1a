import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../support/processes';

/**
 * The CI breaking-change check (scripts/openapi-breaking-change.mjs, run by
 * `npm run openapi:check`) on a scratch git repository holding a copy of the real
 * openapi/v1.json and CHANGELOG.md on `main`, changed on a branch as a pull request would.
 */
jest.setTimeout(120_000);

type Document = { components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> } };

describe('OpenAPI breaking-change check', () => {
  const repo = mkdtempSync(join(tmpdir(), 'keel-openapi-breaking-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=ci@keel.test', '-c', 'user.name=CI', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
      stdio: 'pipe',
    });
  const documentPath = join(repo, 'openapi/v1.json');
  const readDocument = () => JSON.parse(readFileSync(documentPath, 'utf8')) as Document;
  const writeDocument = (document: Document) => writeFileSync(documentPath, `${JSON.stringify(document, null, 2)}\n`);
  const check = () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/openapi-breaking-change.mjs'), '--root', repo], {
      encoding: 'utf8',
      env: { ...process.env, OPENAPI_BASE_REF: '' },
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  };

  beforeAll(() => {
    git('init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'openapi'));
    writeFileSync(documentPath, readFileSync(join(ROOT, 'openapi/v1.json')));
    writeFileSync(join(repo, 'CHANGELOG.md'), readFileSync(join(ROOT, 'CHANGELOG.md')));
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'change');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('When a branch only adds an optional response field, then the check passes', () => {
    const document = readDocument();
    document.components.schemas.OrderResponseDto.properties.note = { type: 'string', maxLength: 100, example: 'Gift wrap' };
    writeDocument(document);
    const result = check();
    expect(result.output).toContain('no breaking change');
    expect(result.status).toBe(0);
    git('checkout', '--', 'openapi/v1.json');
  });

  it('When a response field is removed, then the check fails naming the field; recorded under a new major version in CHANGELOG, it passes', () => {
    const document = readDocument();
    const order = document.components.schemas.OrderResponseDto;
    delete order.properties.statusReason;
    order.required = order.required?.filter((name) => name !== 'statusReason');
    writeDocument(document);
    git('commit', '-q', '-am', 'drop statusReason');

    const failed = check();
    expect(failed.status).toBe(1);
    expect(failed.output).toMatch(/cannot remove response property 'statusReason'/);
    expect(failed.output).toContain('breaking-change check FAILED');

    // A new major version without saying what breaks is not enough.
    const changelog = readFileSync(join(repo, 'CHANGELOG.md'), 'utf8');
    const next = Math.max(...[...changelog.matchAll(/^## \[(\d+)\./gm)].map((m) => Number(m[1]))) + 1;
    writeFileSync(
      join(repo, 'CHANGELOG.md'),
      changelog.replace('## [Unreleased]', `## [${next}.0.0]\n\n### Changed\n\n- Orders.\n\n## [Unreleased]`),
    );
    expect(check().status).toBe(1);

    writeFileSync(
      join(repo, 'CHANGELOG.md'),
      changelog.replace(
        '## [Unreleased]',
        `## [${next}.0.0]\n\n### Breaking\n\n- Order: \`statusReason\` removed; read \`history\`.\n\n## [Unreleased]`,
      ),
    );
    const passed = check();
    expect(passed.output).toContain(`recorded in CHANGELOG.md under ${next}.x.x`);
    expect(passed.status).toBe(0);
  });

  it('When an operation is removed, then the check fails', () => {
    git('checkout', '-q', '--', '.');
    git('reset', '-q', '--hard', 'main');
    const document = readDocument() as Document & { paths: Record<string, unknown> };
    delete document.paths['/api/v1/orders/{id}/cancel'];
    writeDocument(document);
    const result = check();
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/cancel/);
  });
});
