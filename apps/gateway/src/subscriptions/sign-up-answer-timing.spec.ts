import { SignUpAnswerTiming } from './sign-up-answer-timing';

class FixedTiming extends SignUpAnswerTiming {
  constructor(randomValue: number) {
    super();
    this.random = () => randomValue;
  }
}

/** Settles `answer` only once jest's clock has moved `ms` on; returns when it did (ms after the start). */
async function answeredAfter(answer: Promise<unknown>, stepMs = 1, limitMs = 2_000): Promise<number> {
  let done = false;
  void answer.then(() => (done = true));
  for (let elapsed = 0; elapsed <= limitMs; elapsed += stepMs) {
    await jest.advanceTimersByTimeAsync(stepMs);
    if (done) return elapsed + stepMs;
  }
  throw new Error(`not answered within ${limitMs} ms`);
}

describe('SignUpAnswerTiming', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const takes = (ms: number) => () => new Promise<string>((done) => setTimeout(() => done('accepted'), ms));

  it('holds an answer whose work was quick until the floor, and gives the work its result back', async () => {
    const timing = new FixedTiming(0);
    const floor = timing.floorMs();
    expect(floor).toBe(60);
    const answer = timing.uniform(async () => 'accepted');
    expect(await answeredAfter(answer)).toBeGreaterThanOrEqual(floor);
    expect(await answer).toBe('accepted');
  });

  it('answers quick and slower kinds of sign-up at the same time once it has seen what they take', async () => {
    const timing = new FixedTiming(0.5);
    // A hub whose sign-ups take 20–40 ms: a suppressed address (2 ms of work) is answered when a new one is.
    for (let i = 0; i < 60; i++) await answeredAfter(timing.uniform(takes(i % 2 === 0 ? 20 : 40)), 5);
    const suppressed = await answeredAfter(timing.uniform(takes(2)));
    const known = await answeredAfter(timing.uniform(takes(40)));
    expect(suppressed).toBeGreaterThan(40);
    expect(Math.abs(suppressed - known)).toBeLessThanOrEqual(1);
  });

  it('follows load up, and never holds an answer longer than a second', async () => {
    const timing = new FixedTiming(1);
    for (let i = 0; i < 100; i++) await answeredAfter(timing.uniform(takes(3_000)), 100, 5_000);
    expect(timing.floorMs()).toBe(1_000);
    expect(await answeredAfter(timing.uniform(async () => 'accepted'), 10)).toBe(1_000);
  });

  it("holds an answer that did no work (a caught bot's) to the floor without learning from it", async () => {
    const timing = new FixedTiming(0);
    for (let i = 0; i < 3; i++) expect(await answeredAfter(timing.hold())).toBe(60);
    expect(timing.floorMs()).toBe(60);
  });

  it('answers a failure at once', async () => {
    const timing = new FixedTiming(0);
    await expect(timing.uniform(() => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
  });
});
