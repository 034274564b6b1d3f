import { AuditChainHead } from "./AuditChainHead";
import { DisclosureAuditEntry } from "./DisclosureAuditEntry";
import { RestrictedHolding } from "./RestrictedHolding";

/** The audit module's tables, registered in `db/entities.ts` as one entry. */
export const AUDIT_ENTITIES = [DisclosureAuditEntry, AuditChainHead, RestrictedHolding];
