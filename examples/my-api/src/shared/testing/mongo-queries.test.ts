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

  it('refuses a filter or a sort that no index starts with', () => {
    expect(servedByAnIndex(indexes, query({ title: 'y' }))).toBe(false);
    expect(servedByAnIndex(indexes, query({ ownerId: 'u' }, { title: 1 }))).toBe(false);
    expect(servedByAnIndex(indexes, query({ ownerId: 'u' }, { createdAt: -1, _id: -1 }))).toBe(false);
    expect(servedByAnIndex(indexes, query({ createdAt: 'd' }))).toBe(false);
  });
});
