import { type Relationship } from "../people/Relationship";
import { type Sex } from "../people/Sex";
import { type AddressSubmission } from "../records/AgencyRecordSubmission";

/** An adult in a demo family (a parent, a partner, a grandparent) or a demo offender or prisoner. */
export interface DemoAdult {
  /** Unique in the data set: each agency derives its own reference for the person from it. */
  number: number;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  homeLocalAuthority: string;
}

/** How an adult stands to the children of a family. */
export interface FamilyMember {
  adult: DemoAdult;
  relationship: Relationship;
  parentalResponsibility: boolean;
}

export interface DemoChild {
  sui: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  family: DemoFamily;
}

/** A household: children who share a surname and a home, and the adults around them. */
export interface DemoFamily {
  localAuthority: string;
  home: AddressSubmission;
  adults: FamilyMember[];
  children: DemoChild[];
}

export type DemoChildFacts = Omit<DemoChild, "family">;

export function demoFamily(localAuthority: string, home: AddressSubmission, adults: FamilyMember[], children: DemoChildFacts[]): DemoFamily {
  const family: DemoFamily = { localAuthority, home, adults, children: [] };
  family.children = children.map((facts) => ({ ...facts, family }));
  return family;
}

/** The family's adults in a given relationship to its children (e.g. the father). */
export function membersOf(family: DemoFamily, ...relationships: Relationship[]): FamilyMember[] {
  return family.adults.filter((member) => relationships.includes(member.relationship));
}
