import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Child } from "../people/Child";
import { Adult } from "../people/Adult";
import { type Relationship } from "../people/Relationship";
import { AgencyRecord } from "../records/AgencyRecord";
import { type Purpose } from "../policy/Purpose";
import { type ChildCompetence } from "./ChildCompetence";

/** Who gave (or refused) consent: the child themself, or a person with parental responsibility. */
export const ConsentGiver = { CHILD: "CHILD", PERSON_WITH_PARENTAL_RESPONSIBILITY: "PERSON_WITH_PARENTAL_RESPONSIBILITY" } as const;
export type ConsentGiver = (typeof ConsentGiver)[keyof typeof ConsentGiver];

export const ConsentDecision = { GIVEN: "GIVEN", REFUSED: "REFUSED", WITHDRAWN: "WITHDRAWN" } as const;
export type ConsentDecision = (typeof ConsentDecision)[keyof typeof ConsentDecision];

/** A child's decision carries the hub's finding on competence; a parent's names the adult (or, from before, only a description). */
export const CONSENT_GIVER_CHECK = `("given_by" = 'CHILD' AND "competence" IS NOT NULL AND "adult_id" IS NULL AND "legacy_giver_description" IS NULL) OR ("given_by" = 'PERSON_WITH_PARENTAL_RESPONSIBILITY' AND "competence" IS NULL AND "competence_assessment" IS NULL AND (("adult_id" IS NOT NULL AND "parent_relationship" IS NOT NULL AND "parental_responsibility_source_id" IS NOT NULL) OR ("adult_id" IS NULL AND "legacy_giver_description" IS NOT NULL)))`;

/**
 * One consent decision about sharing a child's information, as a practitioner recorded it. Never
 * edited: a change of mind is a new record (a withdrawal, a fresh consent), so the history stands; the
 * database refuses any change but re-keying to the same child or adult after identity decisions.
 */
@Entity()
@Index(["child", "recordedAt"])
@Check("consent_record_giver", CONSENT_GIVER_CHECK)
export class ConsentRecord {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ManyToOne(() => Child, { nullable: false, onDelete: "RESTRICT" })
  child: Child;

  @Column({ type: "varchar", length: 40 })
  givenBy: ConsentGiver;

  /** For the child's own decision: the hub's finding on their competence, by age and the recorder's assessment. */
  @Column({ type: "varchar", length: 32, nullable: true })
  competence: ChildCompetence | null;

  /** The recorder's written competence assessment (Gillick under 16; capacity at 16 or over), when they made one. */
  @Column({ type: "text", nullable: true })
  competenceAssessment: string | null;

  /**
   * For a parent's decision, the adult as the hub holds them: one person's later decision replaces
   * their own earlier one, never another's, however the recorder would have described them.
   */
  @ManyToOne(() => Adult, { nullable: true, onDelete: "RESTRICT" })
  @Index()
  adult: Adult | null;

  /** The basis of their parental responsibility when the decision was recorded: how the record relates them to the child… */
  @Column({ type: "varchar", length: 32, nullable: true })
  parentRelationship: Relationship | null;

  /** …and the agency record (of the recorder's agency) that reports it. */
  @ManyToOne(() => AgencyRecord, { nullable: true, onDelete: "RESTRICT" })
  parentalResponsibilitySource: AgencyRecord | null;

  /**
   * The records, about this child, through which the recorder's agency worked with the family when the
   * decision was recorded (`consentRecorders`: its own records of a listed type, confirmed by the SUI or
   * a steward). The decision counts while one of them is still this child's (`consentStandsSql.ts`): a
   * record split off as another child's, or removed, takes with it what was recorded through it. Null
   * only on decisions recorded before the hub kept it, whose records the migration
   * DecisionsRecordedThrough could not find.
   */
  @Column({ type: "uuid", array: true, nullable: true })
  recordedThrough: string[] | null;

  /**
   * Only on decisions recorded before consent was keyed by the adult: the recorder's description of the
   * person ("mother"). Kept as it was written; see the migration ConsentKeyedByAdult for how it counts.
   */
  @Column({ type: "varchar", length: 120, nullable: true })
  legacyGiverDescription: string | null;

  @Column({ type: "varchar", length: 16 })
  decision: ConsentDecision;

  /** The purposes the decision covers. */
  @Column({ type: "text", array: true })
  purposes: Purpose[];

  @Column({ type: "text", nullable: true })
  note: string | null;

  @Column({ type: "varchar", length: 200 })
  recordedBySub: string;

  @Column({ type: "varchar", length: 40 })
  recordedByAgency: string;

  @CreateDateColumn({ type: "timestamptz" })
  recordedAt: Date;
}
