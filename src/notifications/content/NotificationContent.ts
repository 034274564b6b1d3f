import { type NotificationRecordType } from "../../policy/notificationFields";
import { type SensitivityLabel } from "../../records/SensitivityLabel";
import { type RoutingArea } from "../routing/RoutingArea";

/** One record of a notification's content: its fields' values, and labels its values carry beside the fields' own. */
export interface ContentEntry {
  values: Readonly<Record<string, unknown>>;
  /**
   * Labels a field carries from what the notifying agency reported beside the field's own: a child's
   * home local authority carries its address's labels, so what is derived from a protected address goes
   * only where its label allows (design principle 8).
   */
  valueLabels?: Partial<Record<string, readonly SensitivityLabel[]>>;
  /**
   * The routing target this entry is about (a child at risk: the child's home area, `CHILD_HOME`). A
   * recipient whose view is decided by a rule of that area is offered the entry only when that rule
   * chose it for this target: the authority of one child's home is told of that child, not of the
   * prisoner's other children living elsewhere (data minimisation, UK GDPR Art 5(1)(c)). A recipient
   * chosen by a rule of another area (the prisoner's home authority, probation) is offered every entry.
   */
  about?: { area: RoutingArea; localAuthority: string | null };
}

/** A part of the content, offered to the policy engine as records of one notification record type. */
export interface ContentSection {
  /** The key the recipient's view holds it under (`pprc`, `childrenAtRisk`), and the root of its fields' paths. */
  key: string;
  recordType: NotificationRecordType;
  /** A list (the children at risk: `childrenAtRisk[0]`…), or one record (the event: `pprc`). */
  many: boolean;
  entries: ContentEntry[];
}

/** Everything a notification could tell anyone, before any recipient's view is decided. */
export interface NotificationContent {
  sections: ContentSection[];
}
