import type { CacheSerializer } from 'bentocache/types';

const DATE_TAG = '$date';

/** JSON that gives back `Date`s as dates, so cached entities equal the ones the repository returned. */
export const datedJson: CacheSerializer = {
  serialize(value: unknown): string {
    return JSON.stringify(value, function tagDates(this: Record<string, unknown>, key: string, converted: unknown) {
      const original = this[key];
      return original instanceof Date ? { [DATE_TAG]: original.toISOString() } : converted;
    });
  },
  deserialize(text: string): unknown {
    return JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === 'object' && value !== null && DATE_TAG in value) {
        const tagged = value[DATE_TAG];
        if (typeof tagged === 'string') return new Date(tagged);
      }
      return value;
    });
  },
};
