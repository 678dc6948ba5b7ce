import { servedByAnIndex, type SentQuery } from './mongo-queries';

const query = (filter: Record<string, unknown>, sort: Record<string, number> = {}): SentQuery => ({
  method: 'find',
  filter,
  sort,
});

describe('servedByAnIndex', () => {
  const indexes = [[{ ownerId: 1, createdAt: -1, _id: 1 }, {}] as const];

  it('accepts equality on the leading keys followed by the sort, in either direction', () => {
    expect(servedByAnIndex(indexes, query({ ownerId: 'u' }))).toBe(true);
    expect(servedByAnIndex(indexes, query({ ownerId: 'u' }, { createdAt: -1, _id: 1 }))).toBe(true);
    expect(servedByAnIndex(indexes, query({ ownerId: 'u' }, { createdAt: 1, _id: -1 }))).toBe(true);
    expect(servedByAnIndex(indexes, query({ _id: 'x', title: 'y' }))).toBe(true);
  });

  it("accepts a keyset range on the sort's fields after the equality fields", () => {
    const after = new Date('2024-01-01T00:00:00.000Z');
    const range = { $or: [{ createdAt: { $lt: after } }, { createdAt: after, _id: { $lt: 'id' } }] };
    expect(servedByAnIndex(indexes, query({ ownerId: 'u', ...range }, { createdAt: -1, _id: 1 }))).toBe(true);
  });

  it('leaves out of the sort the fields that the filter fixes', () => {
    const byTitle = [[{ ownerId: 1, title: 1, _id: 1 }, {}] as const];
    expect(servedByAnIndex(byTitle, query({ ownerId: 'u', title: 't' }, { title: 1, _id: 1 }))).toBe(true);
  });

  it('refuses a filter or a sort that no index starts with', () => {
    expect(servedByAnIndex(indexes, query({ title: 'y' }))).toBe(false);
    expect(servedByAnIndex(indexes, query({ ownerId: 'u' }, { title: 1 }))).toBe(false);
    expect(servedByAnIndex(indexes, query({ ownerId: 'u' }, { createdAt: -1, _id: -1 }))).toBe(false);
    expect(servedByAnIndex(indexes, query({ createdAt: 'd' }))).toBe(false);
  });

  it('refuses a range on a field outside the sort, or any other condition', () => {
    const sort = { createdAt: -1, _id: 1 };
    expect(servedByAnIndex(indexes, query({ ownerId: 'u', $or: [{ title: { $lt: 'x' } }] }, sort))).toBe(false);
    expect(servedByAnIndex(indexes, query({ ownerId: { $ne: 'u' } }, sort))).toBe(false);
    expect(servedByAnIndex(indexes, query({ ownerId: 'u', $or: [{ createdAt: { $ne: 1 } }] }, sort))).toBe(false);
  });
});
