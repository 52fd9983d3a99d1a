import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';
import { mapError } from './problem-details.mapping';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'server shutting down (57P01)',
      new QueryFailedError('SELECT 1', [], withCode('terminating connection due to administrator command', '57P01')),
    ],
    ['server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['connection exception class 08', withCode('connection failure', '08006')],
    ['socket closed mid-query', new Error('Connection terminated unexpectedly')],
    ['pool checkout timed out', new Error('timeout exceeded when trying to connect')],
    ['the transaction lost its connection (runner released)', new QueryRunnerAlreadyReleasedError()],
    ["a repository bound to a released runner (seen in the system test's database outage)", new QueryRunnerProviderAlreadyReleasedError()],
  ])('When the error is %s, then the database counts as unavailable', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], withCode('duplicate key value', '23505'))],
    ['a statement timeout (57014)', new QueryFailedError('SELECT', [], withCode('canceling statement due to statement timeout', '57014'))],
    ['a syntax error', new QueryFailedError('SELEC', [], withCode('syntax error', '42601'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('When the error is %s, then it is not a database outage', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('When the database is unreachable, then the problem is a 503 the client may retry, not a logged 500', () => {
    const mapped = mapError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'));
    expect(mapped).toMatchObject({ status: 503, type: 'https://keel.dev/problems/unavailable', unexpected: false });
    expect(mapped.detail).toBe('The service is temporarily unavailable; retry later.');
  });

  it('When a query fails for another reason, then it stays an unexpected 500', () => {
    expect(mapError(new QueryFailedError('SELEC', [], withCode('syntax error', '42601')))).toMatchObject({ status: 500, unexpected: true });
  });
});
