import { Injectable } from '@nestjs/common';

/** Before any sign-up has been timed: about what one takes on an idle 2-core machine. */
const PRIOR_MEAN_MS = 30;
const PRIOR_DEVIATION_MS = 10;
/** How much each sign-up moves the estimate: about the last fifty count. */
const WEIGHT = 0.05;
/** Answers are held at most this long, whatever the estimate says (a stalled database must not hold them longer). */
const MOST_HELD_MS = 1_000;

/**
 * The sign-up answer is the same for a new, a pending, a confirmed and a suppressed address, and for a caught bot,
 * and so must its timing be: audience answers a suppressed address after two reads, a new one after an insert, a
 * known one after a few more round trips, and the gateway a bot at once; those milliseconds told an outsider which
 * was which. Each answer is held until a floor chosen when the request arrived: the usual time of a sign-up's whole
 * round trip plus three deviations (so the slower paths rarely run past it either), with up to a fifth more at
 * random, so that every kind is answered on the same distribution. The estimate follows load, so a busy hub holds
 * answers longer and an idle one shorter.
 */
@Injectable()
export class SignUpAnswerTiming {
  private mean = PRIOR_MEAN_MS;
  private deviation = PRIOR_DEVIATION_MS;
  protected random: () => number = Math.random;

  /** Runs the sign-up and answers with its result no sooner than the floor. Failures are answered at once. */
  async uniform<T>(work: () => Promise<T>): Promise<T> {
    const floor = this.floorMs();
    const started = performance.now();
    const result = await work();
    const took = performance.now() - started;
    this.learn(took);
    if (took < floor) await new Promise((done) => setTimeout(done, floor - took));
    return result;
  }

  /** Waits out the floor of an answer that did no work (a caught bot's), without counting it as a sign-up. */
  async hold(): Promise<void> {
    await new Promise((done) => setTimeout(done, this.floorMs()));
  }

  /** The floor a sign-up arriving now is held to. */
  floorMs(): number {
    return Math.min(MOST_HELD_MS, (this.mean + 3 * this.deviation) * (1 + 0.2 * this.random()));
  }

  private learn(took: number): void {
    this.deviation += WEIGHT * (Math.abs(took - this.mean) - this.deviation);
    this.mean += WEIGHT * (took - this.mean);
  }
}
