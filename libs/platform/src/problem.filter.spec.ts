import { DomainError } from '@vangnet/contracts';
import { toProblem } from './problem.filter';

describe(toProblem.name, () => {
  it('should carry a domain error’s details as extension members without overwriting the standard ones', () => {
    const sut = toProblem(new DomainError('PERSON_EXISTS', 'a person with this BSN exists', 409, undefined, { existingId: 'p-1', status: 200, code: 'X' }), '/api/access/v1/persons');
    expect(sut).toMatchObject({ status: 409, code: 'PERSON_EXISTS', existingId: 'p-1', instance: '/api/access/v1/persons' });
  });

  it('should hide the message of an unexpected error', () => {
    const sut = toProblem(new Error('password=secret'));
    expect(sut).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(sut)).not.toContain('secret');
  });
});
