import { type Role } from "../../auth/Role";

/** What the MASH reads of a consultation: the concern as written, and who asks — never a child. */
export interface ConsultationFields {
  concern: string;
  localAuthority: string;
  askingAgency: string;
  askingAgencyType: string;
  /** The role the asker asked in: the advice is delivered to the asking agency's staff in that role. */
  askingRole: Role;
  askedAt: string;
}

/** What the asker reads back: advice from a named person at the MASH, against the consultation it answers. */
export interface ConsultationAdviceFields {
  /** The consultation's id, as `requestConsultation` answered it. */
  consultationId: string;
  advice: string;
  respondingAgency: string;
  /** The person who gave the advice (the MASH practitioner's name from their token): advice is a person's, not the hub's. */
  adviser: string;
  respondedAt: string;
}

export const CONCERN_LENGTH = { min: 20, max: 4000 } as const;
export const ADVICE_LENGTH = { min: 1, max: 4000 } as const;
