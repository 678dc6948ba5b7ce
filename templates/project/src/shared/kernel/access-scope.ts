/** Which records a list may return: every record, or one owner's. Policies decide it; repositories apply it. */
export interface AccessScope {
  readonly ownerId?: string;
}
