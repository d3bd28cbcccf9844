import { isHardBounce } from './hard-bounce';

describe('isHardBounce', () => {
  it.each(['550 5.1.1 <x@example.test>: Recipient address rejected: User unknown', '550 5.2.1 Mailbox disabled', '553 sorry, no such user', '550 No such user'])(
    'counts %j',
    (response) => expect(isHardBounce(response)).toBe(true),
  );

  it.each(['550 5.7.1 Message rejected as spam', '552 5.3.4 Message too big', '554 5.7.0 Policy', '554 Transaction failed'])('does not count %j', (response) =>
    expect(isHardBounce(response)).toBe(false),
  );
});
