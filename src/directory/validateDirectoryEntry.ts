import { isLocalAuthorityCode } from "../auth/localAuthorityCode";
import { refusedCharacter } from "../graphql/input/text";
import { isAgencyCode } from "./agencyCode";
import { AgencyType, isAgencyType } from "./AgencyType";
import { type DirectoryEntry } from "./DirectoryEntry";
import { DirectoryProblem } from "./DirectoryProblem";
import { isUnscheduledCareSetting, UNSCHEDULED_CARE_SETTINGS } from "./UnscheduledCareSetting";
import { webhookUrlProblem, type WebhookEndpointRules } from "./webhookEndpoint";

/** A directory entry as a maintainer states it (a CSV line, the API's `AgencyInput`): unchecked, blanks allowed. */
export interface DirectoryEntryInput {
  code: string;
  name: string;
  type: string;
  localAuthority?: string | null;
  servedLocalAuthorities?: readonly string[] | null;
  policeForceArea?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  escalationEmail?: string | null;
  escalationPhone?: string | null;
  webhookUrl?: string | null;
  /** Absent: active. */
  active?: boolean | null;
  /** A health agency that is an unscheduled-care setting (`UnscheduledCareSetting`); blank: it is not. */
  unscheduledCareSetting?: string | null;
}

/** Why an entry was refused: the field (the input's name for it), the stable problem, and what to do. */
export interface DirectoryEntryFault {
  field: keyof DirectoryEntryInput;
  problem: DirectoryProblem;
  message: string;
}

export type DirectoryEntryCheck = { entry: DirectoryEntry } | { fault: DirectoryEntryFault };

/**
 * Printable text: letters, marks, digits, punctuation, symbols and spaces; no controls or invisible
 * formatting — and nothing the hub refuses in any text it holds (`refusedCharacter`: the invisible
 * fillers that are letters or marks to Unicode, U+3164, U+115F, U+034F, U+180B, U+2800…), so an import
 * stores no name the API would refuse.
 */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]+$/u;
const printable = (text: string) => PRINTABLE.test(text) && refusedCharacter(text, false) === undefined;
/** The longest mailbox address the directory holds (RFC 5321's 256-character path less its brackets), as its columns are sized. */
const MAX_EMAIL_LENGTH = 254;
/** A plain mailbox address (no display name, no comments, no IP-literal domain): what a secure mailbox looks like. */
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** A telephone number as people write one: digits, spaces, brackets, hyphens, a leading +; 7 to 15 digits (E.164). */
const PHONE = /^\+?[0-9][0-9 ()-]{5,38}$/;

/**
 * Checks and normalises one entry: text trimmed, blanks null, the areas served sorted without repeats
 * and, when none is named, the authority the agency sits in. The first fault is reported; nothing is
 * quoted back, so a value typed into the wrong column never reaches a log.
 */
export function validateDirectoryEntry(input: DirectoryEntryInput, rules: WebhookEndpointRules): DirectoryEntryCheck {
  const fault = (field: keyof DirectoryEntryInput, problem: DirectoryProblem, message: string): DirectoryEntryCheck => ({ fault: { field, problem, message } });
  const code = input.code.trim();
  if (!isAgencyCode(code)) return fault("code", DirectoryProblem.INVALID_CODE, "The code must be 2 to 40 capital letters, digits and hyphens, starting with a letter or digit (e.g. LA-E06000060).");
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200 || !printable(name)) return fault("name", DirectoryProblem.INVALID_NAME, "The name must be 1 to 200 printable characters.");
  const type = input.type.trim();
  if (!isAgencyType(type)) return fault("type", DirectoryProblem.UNKNOWN_AGENCY_TYPE, "The type must be one of the hub's agency types (e.g. CHILDRENS_SOCIAL_CARE, POLICE, PRISON).");
  const localAuthority = blankToNull(input.localAuthority);
  if (localAuthority !== null && !isLocalAuthorityCode(localAuthority)) {
    return fault("localAuthority", DirectoryProblem.INVALID_LOCAL_AUTHORITY, "The local authority must be an ONS code: a country letter and eight digits (e.g. E06000060).");
  }
  const named = (input.servedLocalAuthorities ?? []).map((area) => area.trim()).filter((area) => area !== "");
  if (!named.every(isLocalAuthorityCode)) {
    return fault("servedLocalAuthorities", DirectoryProblem.INVALID_LOCAL_AUTHORITY, "Every local authority served must be an ONS code: a country letter and eight digits (e.g. E06000060).");
  }
  const served = named.length > 0 ? [...new Set(named)].sort() : localAuthority === null ? [] : [localAuthority];
  if (served.length === 0) return fault("servedLocalAuthorities", DirectoryProblem.NO_AREA_SERVED, "Name the local authorities the agency serves (or the one it sits in): routing finds agencies by area.");
  const policeForceArea = blankToNull(input.policeForceArea);
  if (policeForceArea !== null && (policeForceArea.length > 80 || !printable(policeForceArea))) {
    return fault("policeForceArea", DirectoryProblem.INVALID_POLICE_FORCE_AREA, "The police force area must be at most 80 printable characters.");
  }
  const contacts = {
    contactEmail: blankToNull(input.contactEmail),
    contactPhone: blankToNull(input.contactPhone),
    escalationEmail: blankToNull(input.escalationEmail),
    escalationPhone: blankToNull(input.escalationPhone),
  };
  for (const field of ["contactEmail", "escalationEmail"] as const) {
    const email = contacts[field];
    if (email !== null && (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email))) {
      return fault(field, DirectoryProblem.INVALID_EMAIL, "A mailbox must be a plain address of at most 254 characters such as safeguarding@council.example (an organisational mailbox, never a person's).");
    }
  }
  for (const field of ["contactPhone", "escalationPhone"] as const) {
    const phone = contacts[field];
    const digits = phone?.replace(/\D/g, "").length ?? 0;
    if (phone !== null && (!PHONE.test(phone) || digits < 7 || digits > 15)) {
      return fault(field, DirectoryProblem.INVALID_PHONE, "A telephone number must have 7 to 15 digits, written with spaces, brackets or hyphens and an optional leading +.");
    }
  }
  const setting = blankToNull(input.unscheduledCareSetting);
  if (setting !== null && (type !== AgencyType.HEALTH || !isUnscheduledCareSetting(setting))) {
    return fault("unscheduledCareSetting", DirectoryProblem.INVALID_UNSCHEDULED_CARE_SETTING, `An unscheduled-care setting is one of ${UNSCHEDULED_CARE_SETTINGS.join(", ")}, and only a HEALTH agency is one.`);
  }
  const webhookUrl = blankToNull(input.webhookUrl);
  const endpointProblem = webhookUrl === null ? null : webhookUrlProblem(webhookUrl, rules);
  if (endpointProblem !== null) return fault("webhookUrl", endpointProblem, WEBHOOK_MESSAGES[endpointProblem] ?? "The webhook endpoint is not acceptable.");
  return {
    entry: {
      code, name, type, localAuthority, servedLocalAuthorities: served, policeForceArea, ...contacts, webhookUrl, active: input.active ?? true,
      ...(setting === null ? {} : { unscheduledCareSetting: setting }),
    },
  };
}

const WEBHOOK_MESSAGES: Partial<Record<DirectoryProblem, string>> = {
  [DirectoryProblem.INVALID_WEBHOOK_URL]: "The webhook endpoint must be an absolute http(s) URL of at most 2048 characters, without credentials or a fragment.",
  [DirectoryProblem.WEBHOOK_NOT_HTTPS]: "The webhook endpoint must use HTTPS.",
  [DirectoryProblem.WEBHOOK_NOT_PUBLIC]: "The webhook endpoint may not name a loopback, private or link-local address.",
};

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}
