import type { CacheSerializer } from 'bentocache/types';

const DATE_TAG = '$date';

/** Turns `{ $date: iso }` back into dates, in place: cheaper than a JSON.parse reviver on every cache hit. */
function restoreDates(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = restoreDates(value[index]);
    return value;
  }
  const record = value as Record<string, unknown>;
  const tagged = record[DATE_TAG];
  if (typeof tagged === 'string' && Object.keys(record).length === 1) return new Date(tagged);
  for (const key of Object.keys(record)) record[key] = restoreDates(record[key]);
  return record;
}

/** JSON that gives back `Date`s as dates, so cached entities equal the ones the repository returned. */
export const datedJson: CacheSerializer = {
  serialize(value: unknown): string {
    return JSON.stringify(value, function tagDates(this: Record<string, unknown>, key: string, converted: unknown) {
      const original = this[key];
      return original instanceof Date ? { [DATE_TAG]: original.toISOString() } : converted;
    });
  },
  deserialize(text: string): unknown {
    return restoreDates(JSON.parse(text));
  },
};
