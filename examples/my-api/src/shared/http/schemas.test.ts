import { isoDate } from './schemas';

describe('isoDate', () => {
  it('reads ISO 8601 dates and date-times with an offset', () => {
    expect(isoDate.parse('2024-01-15')).toEqual(new Date('2024-01-15T00:00:00.000Z'));
    expect(isoDate.parse('2024-01-15T10:00:00+02:00')).toEqual(new Date('2024-01-15T08:00:00.000Z'));
    expect(isoDate.parse('9999-12-31T23:59:59Z').toISOString()).toBe('9999-12-31T23:59:59.000Z');
  });

  it('refuses an instant outside the years 0000 to 9999 in UTC, which could not be answered back as ISO 8601', () => {
    expect(isoDate.safeParse('9999-12-31T23:00:00-05:00').success).toBe(false);
    expect(isoDate.safeParse('0000-01-01T01:00:00+05:00').success).toBe(false);
  });
});
