/** The version of a user stored before versions existed (it has no `version` field): its first change is 1. */
export const UNVERSIONED = 0;
