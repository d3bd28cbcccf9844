import { updateBatches, UPDATES_PER_REQUEST } from './update-batches';

describe('updateBatches', () => {
  it('splits into groups of at most UPDATES_PER_REQUEST, in order, losing nothing', () => {
    const operations = Array.from({ length: 2 * UPDATES_PER_REQUEST + 3 }, (_, i) => i);
    const batches = updateBatches(operations);
    expect(batches.map((batch) => batch.length)).toEqual([UPDATES_PER_REQUEST, UPDATES_PER_REQUEST, 3]);
    expect(batches.flat()).toEqual(operations);
    expect(updateBatches([])).toEqual([]);
  });
});
