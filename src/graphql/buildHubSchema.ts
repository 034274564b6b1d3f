import "reflect-metadata";
import "./types/enums";
import "./types/child/enums";
import "./types/notifications/enums";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { CallerResolver } from "./resolvers/CallerResolver";
import { DirectoryResolver } from "./resolvers/DirectoryResolver";
import { RecordSubmissionResolver } from "./resolvers/RecordSubmissionResolver";
import { ChildResolver } from "./resolvers/ChildResolver";
import { ConsentResolver } from "./resolvers/ConsentResolver";
import { IgAlertResolver } from "./resolvers/IgAlertResolver";
import { WebhookResolver } from "./resolvers/WebhookResolver";
import { AuditResolver } from "./resolvers/AuditResolver";
import { IdentityResolver } from "./resolvers/IdentityResolver";
import { AdultIdentityResolver } from "./resolvers/AdultIdentityResolver";
import { ReferralResolver } from "./resolvers/ReferralResolver";
import { SubjectAccessResolver } from "./resolvers/SubjectAccessResolver";
import { NotificationResolver } from "./resolvers/NotificationResolver";
import { ConsultationResolver } from "./resolvers/ConsultationResolver";
import { PlansHeldElsewhereResolver } from "./resolvers/PlansHeldElsewhereResolver";
import { SearchResolver } from "./resolvers/SearchResolver";
import { InformationGovernanceResolver } from "./resolvers/InformationGovernanceResolver";
import { DataSubjectRightsResolver } from "./resolvers/DataSubjectRightsResolver";

export const RESOLVERS = [CallerResolver, DirectoryResolver, RecordSubmissionResolver, ChildResolver, ConsentResolver, IgAlertResolver, AuditResolver, IdentityResolver, AdultIdentityResolver, ReferralResolver, SubjectAccessResolver, NotificationResolver, ConsultationResolver, PlansHeldElsewhereResolver, WebhookResolver, SearchResolver, InformationGovernanceResolver, DataSubjectRightsResolver] as const;

/** The hub's GraphQL schema, built from the resolvers; input classes are checked with class-validator. */
export async function buildHubSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
}

/** The SDL committed at `schema/schema.graphql`: sorted, so a diff shows only real changes. */
export function printHubSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
