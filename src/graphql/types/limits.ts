/** Input size limits, matching the database columns so an over-long value is a clear INVALID_INPUT. */
export const MAX = {
  code: 40,
  reference: 64,
  personName: 100,
  professionalName: 120,
  contact: 254,
  addressLine: 120,
  town: 80,
  text: 4000,
  listItems: 200,
  shortText: 160,
} as const;

export const LOCAL_AUTHORITY_PATTERN = /^[EWSN]\d{8}$/;
