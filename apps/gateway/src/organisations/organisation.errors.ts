import { HttpStatus } from '@nestjs/common';
import type { FieldProblem } from '@hub/http';
import { DomainError } from '@hub/http';
import type { Organisation } from './organisation.schema';

export class OrganisationNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('organisation.id: no such organisation', 'organisation_not_found');
  }
}

/** Names the organisation that has the code, so the caller can add that one by id instead. */
export class OfficialCodeTakenError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(existing: Organisation | null) {
    super(
      existing
        ? `organisation.officialCode: ${existing.officialCode} is ${existing.name} (id ${existing._id}); add it by id`
        : 'organisation.officialCode: another organisation has this code',
      'official_code_taken',
    );
  }
}

/** A network's membership that does not exist, or belongs to another network: the two are told apart by nobody. */
export class MembershipNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('membership: no such membership in this network', 'membership_not_found');
  }
}

export class AlreadyInNetworkError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(organisation: Organisation) {
    super(`organisation: ${organisation.name} is already in this network; change its membership instead`, 'already_in_network');
  }
}

/** The terms a change would leave behind are not valid (an observer without an end date, say). */
export class InvalidMembershipTermsError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(problem: FieldProblem) {
    super(`${problem.field}: ${problem.problem}`, 'invalid_membership_terms');
  }
}
