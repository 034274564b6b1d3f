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
  /**
   * A child not yet born (no date of birth): the date it is expected, where the caller loaded it (the
   * SUI-arrival search does; `child_match_profile` does not hold it). A record's date of birth is then
   * compared with it: a child born long before or after is not the baby expected.
   */
  expectedDateOfBirth?: string | null;
}
