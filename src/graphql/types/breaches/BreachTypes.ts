import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ArrayMaxSize, MaxLength } from "class-validator";
import { BreachClock } from "../../../breaches/breachClock";
import { BreachDecision, BreachSource, BreachStatus, SubjectNotice } from "../../../breaches/PersonalDataBreach";
import { TimescaleId } from "../../../timescales/TimescaleId";

registerEnumType(BreachSource, { name: "BreachSource", description: "How a breach came to be suspected: a split's wrong-link report, a break-glass judged not justified, an alert closed as misuse, or an IG lead." });
registerEnumType(BreachStatus, { name: "BreachStatus", description: "A breach, or one controller's part of it. OPEN: on the 72-hour clock; DECIDED: reported or not, with reasons (a breach: by every controller)." });
registerEnumType(BreachClock, { name: "BreachClock", description: "A controller's part on the 72-hour clock: RUNNING or OVERDUE while undecided; MET or LATE once decided (by the report to the ICO, or by the decision not to report)." });
registerEnumType(BreachDecision, { name: "BreachDecision", description: "Report to the Information Commissioner (UK GDPR Art 33; DPA 2018 s.67 for Part 3 data) or not." });
registerEnumType(SubjectNotice, { name: "SubjectNotice", description: "Whether the people affected are told (Art 34): TELL, NOT_REQUIRED (no high risk), or restricted because telling would put a child at risk (RESTRICTED_SAFEGUARDING) or prejudice crime prevention or detection (RESTRICTED_CRIME)." });
registerEnumType(TimescaleId, { name: "Timescale", description: "A statutory or guidance timescale (policies/timescales.yaml)." });

@InputType({ description: "A suspected personal data breach an IG lead opens." })
export class BreachInput {
  @Field(() => String, { description: "What happened; recorded on the audit trail." }) @MaxLength(2000) description: string;
  @Field(() => [ID], { defaultValue: [], description: "The audit entries (disclosure ids) of what went out." }) @ArrayMaxSize(500) disclosureIds: string[];
  @Field(() => [ID], { defaultValue: [], description: "Children affected beyond those the disclosures name (SUIs)." }) @ArrayMaxSize(500) childSuis: string[];
  @Field(() => DateTimeResolver, { nullable: true, description: "When your agency became aware (the clock starts here); now if not given." }) awareAt?: Date | null;
}

@InputType({ description: "An IG lead's decision on their agency's part of a breach." })
export class BreachDecisionInput {
  @Field(() => BreachDecision) decision: BreachDecision;
  @Field(() => SubjectNotice) subjectNotice: SubjectNotice;
  @Field(() => String, { description: "Why, including the reasons for any delay past 72 hours." }) @MaxLength(2000) reasons: string;
  @Field(() => String, { nullable: true, description: "REPORT only, and required with it: the reference the ICO gave your agency's report." }) @MaxLength(64) icoReference?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "REPORT only, and required with it: when your agency reported it to the ICO." }) reportedAt?: Date | null;
}

@ObjectType({ description: "Someone who received what they should not have." })
export class BreachRecipientNode {
  @Field(() => String) sub: string;
  @Field(() => String) agency: string;
}

@ObjectType("BreachControllerPart", { description: "Your agency's part of a breach, as the controller of its own records: its decision, for your agency's IG leads only." })
export class BreachControllerPartNode {
  @Field(() => String) agency: string;
  @Field(() => BreachStatus) status: BreachStatus;
  @Field(() => BreachClock) clock: BreachClock;
  @Field(() => DateTimeResolver, { description: "When your agency became aware: when it opened the breach (as it said), or when the hub told it — recorded the breach with this part open in your log. Its clock starts here." }) awareAt: Date;
  @Field(() => DateTimeResolver, { description: "72 hours from your agency's awareness (PERSONAL_DATA_BREACH_REPORT)." }) reportDueAt: Date;
  @Field(() => String) timescaleEdition: string;
  @Field(() => BreachDecision, { nullable: true }) decision: BreachDecision | null;
  @Field(() => SubjectNotice, { nullable: true }) subjectNotice: SubjectNotice | null;
  @Field(() => String, { nullable: true }) decisionReasons: string | null;
  @Field(() => String, { nullable: true, description: "The ICO's reference for the report." }) icoReference: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When it was reported to the ICO." }) reportedAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decidedBySub: string | null;
}

@ObjectType("PersonalDataBreach", { description: "A suspected personal data breach on the 72-hour clock from awareness, as your agency's part of it: the disclosures it is party to, the people and children they concern, and the agencies party to them; the rest, other controllers' to tell and report, only counted." })
export class PersonalDataBreachNode {
  @Field(() => ID) id: string;
  @Field(() => BreachSource) source: BreachSource;
  @Field(() => String, { nullable: true, description: "The split or alert it came from: only for the opening agency's IG leads." }) sourceId: string | null;
  @Field(() => String, { nullable: true, description: "What happened, as the opener wrote it: only for the opening agency's IG leads." }) description: string | null;
  @Field(() => [String], { description: "The children in your agency's part." }) childSuis: string[];
  @Field(() => [ID], { description: "The audit entries of the affected disclosures your agency is party to (its staff received them, or its records went out)." }) disclosureIds: string[];
  @Field(() => Int, { description: "Affected disclosures outside your agency's part: other controllers' to tell." }) disclosuresElsewhere: number;
  @Field(() => Int, { description: "Children affected outside your agency's part." }) childrenElsewhere: number;
  @Field(() => [BreachRecipientNode], { description: "The people to tell, and ask to delete what they received." }) recipients: BreachRecipientNode[];
  @Field(() => [String], { description: "The agencies to tell in your agency's part: the hub tells them; the controllers report. An agency party only through its sealed or brokered records is named to itself alone." }) agenciesToTell: string[];
  @Field(() => Boolean, { description: "Part 3 (law enforcement) data went out: reported under DPA 2018 s.67." }) lawEnforcement: boolean;
  @Field(() => DateTimeResolver, { description: "When your agency became aware, as its part says; for an agency with no part, when the opener's did." }) awareAt: Date;
  @Field(() => DateTimeResolver, { description: "When your agency's 72 hours to report end, as its part says; for an agency with no part, the opener's." }) reportDueAt: Date;
  @Field(() => String) timescaleEdition: string;
  @Field(() => BreachStatus, { description: "DECIDED once every controlling agency has decided its part." }) status: BreachStatus;
  @Field(() => DateTimeResolver, { nullable: true, description: "When the last controlling agency decided its part." }) decidedAt: Date | null;
  @Field(() => BreachControllerPartNode, { nullable: true, description: "Your agency's part and its decision; null when your agency controls no part of it." }) controllerPart: BreachControllerPartNode | null;
  @Field(() => Int, { description: "Other controlling agencies' parts still undecided, as far as your agency may know of them: theirs to decide, counted only." }) partsOpenElsewhere: number;
  @Field(() => String, { nullable: true, description: "Only for the opening agency's IG leads." }) openedBySub: string | null;
  @Field(() => DateTimeResolver) openedAt: Date;
}

@ObjectType({ description: "A breach in the log with the time left to report it." })
export class BreachOnClockNode {
  @Field(() => PersonalDataBreachNode) breach: PersonalDataBreachNode;
  @Field(() => Float, { description: "Hours left on your agency's clock to report to the ICO (negative: overdue)." }) hoursLeft: number;
}

@ObjectType("OverdueItem", { description: "Work past its timescale (policies/timescales.yaml)." })
export class OverdueItemNode {
  @Field(() => TimescaleId) timescale: TimescaleId;
  @Field(() => String, { description: "The referral's case reference, the subject access request's reference, or the breach's id." }) reference: string;
  @Field(() => String, { nullable: true }) sui: string | null;
  @Field(() => DateTimeResolver) startedAt: Date;
  @Field(() => DateTimeResolver) dueAt: Date;
  @Field(() => String) edition: string;
}
