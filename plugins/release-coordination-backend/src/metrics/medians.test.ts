import fc from 'fast-check';
import { medianOf } from './medians';

describe('medianOf', () => {
  it('is the middle of the sorted values, or the mean of the two middle ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 60 }),
        values => {
          const sorted = [...values].sort((a, b) => a - b);
          const n = sorted.length;
          expect(medianOf(Float64Array.from(values))).toEqual(
            n === 0
              ? { medianMs: null, count: 0 }
              : {
                  medianMs: (sorted[(n - 1) >> 1] + sorted[n >> 1]) / 2,
                  count: n,
                },
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
