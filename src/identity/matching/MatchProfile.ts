/**
 * Everything the matcher knows of one child: every name and postcode the hub has been told, the date
 * of birth and sex (the in-memory form of `child_match_profile`).
 */
export interface MatchProfile {
  childId: string;
  givenNames: string[];
  familyNames: string[];
  dateOfBirth: string | null;
  sex: string;
  postcodes: string[];
}
