import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

export class NewsletterNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('newsletterId: no such newsletter in this network', 'newsletter_not_found');
  }
}

export class NewsletterStateError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(action: string, state: string) {
    super(`state: cannot ${action} a newsletter that is ${state}`, 'newsletter_state');
  }
}

export class InvalidSendTimeError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(localTime: string, timeZone: string, problem: 'invalid' | 'skipped-by-dst' | 'past') {
    const why = { invalid: 'is not a valid time', 'skipped-by-dst': 'does not exist (the clocks skip it)', past: 'has passed' }[problem];
    super(`localTime: ${localTime} in ${timeZone} ${why}`, 'invalid_send_time');
  }
}

export class LanguageNotWrittenError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(language: string) {
    super(`language: the newsletter has no ${language} version`, 'language_not_written');
  }
}

export class LanguageNotOfferedError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(languages: string[]) {
    super(`issues: the network does not offer ${languages.join(', ')}`, 'language_not_offered');
  }
}

export class UnknownListError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(listIds: string[]) {
    super(`listIds: no such list in this network: ${listIds.join(', ')}`, 'list_not_found');
  }
}

/** The gateway has not announced the network's profile yet (gateway.network.updated); sending needs its sender. */
export class NetworkProfileMissingError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  constructor() {
    super('network: its settings have not reached campaigns yet; try again shortly', 'network_profile_missing');
  }
}

export class SendNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('sendId: no such send or language', 'send_not_found');
  }
}
