/** What an address is to the child. A REFUGE or a PLACEMENT address is usually location-withheld. */
export const AddressKind = {
  HOME: "HOME",
  PLACEMENT: "PLACEMENT",
  TEMPORARY: "TEMPORARY",
  REFUGE: "REFUGE",
  NO_FIXED_ABODE: "NO_FIXED_ABODE",
} as const;
export type AddressKind = (typeof AddressKind)[keyof typeof AddressKind];
