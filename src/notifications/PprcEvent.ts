/**
 * What a prison tells others about a PPRC (DOMAIN.md "Who must tell whom"; HMPPS Public Protection
 * Manual): reception into custody, a transfer between establishments, release on temporary licence
 * (ROTL), release (with its date and address), a request to change name (CSC is consulted), and a
 * change of PPRC status (potential, confirmed, no longer).
 */
export const PprcEvent = {
  RECEPTION: "RECEPTION",
  TRANSFER: "TRANSFER",
  TEMPORARY_RELEASE: "TEMPORARY_RELEASE",
  RELEASE: "RELEASE",
  NAME_CHANGE_REQUEST: "NAME_CHANGE_REQUEST",
  STATUS_CHANGE: "STATUS_CHANGE",
} as const;
export type PprcEvent = (typeof PprcEvent)[keyof typeof PprcEvent];
export const PPRC_EVENTS = Object.values(PprcEvent);
