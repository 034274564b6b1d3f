import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { listDisclosures } from "../../audit/listDisclosures";
import { exportDisclosures, ExportFormat, MAX_EXPORT_ENTRIES, type DisclosureExport as Export } from "../../audit/exportDisclosures";
import { subjectAccessReport, type SubjectAccessReport } from "../../audit/subjectAccessReport";
import { verifyAuditTrail } from "../../audit/verifyAuditTrail";
import { type AuditVerification as Verification } from "../../audit/verifyAuditChain";
import { type HubContext } from "../context";
import { AuditVerification, DisclosureConnection, DisclosureExport, DisclosureFilterInput, SubjectAccessReportNode } from "../types/audit/AuditTypes";

/** IG leads' view of the disclosure audit (HUB.md §7). Every one of these reads is itself audited. */
@Resolver()
export class AuditResolver {
  @Query(() => DisclosureConnection, { description: "IG leads: audit entries matching the filter, newest first." })
  async disclosures(
    @Ctx() { dataSource, principal, requestId }: HubContext,
    @Arg("filter", () => DisclosureFilterInput, { nullable: true }) filter: DisclosureFilterInput | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<DisclosureConnection> {
    const page = await listDisclosures(dataSource, principal, requestId, filter, first, after);
    return { nodes: page.entries, totalCount: page.totalCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }

  @Query(() => AuditVerification, { description: "IG leads: recompute every audit chain and name the first broken entry." })
  async verifyAuditChain(@Ctx() { dataSource, principal, requestId }: HubContext): Promise<Verification> {
    return verifyAuditTrail(dataSource, principal, requestId);
  }

  @Query(() => DisclosureExport, { description: "IG leads: the matching entries as CSV or FHIR R4 AuditEvent JSON." })
  async exportDisclosures(
    @Ctx() { dataSource, principal, requestId }: HubContext,
    @Arg("filter", () => DisclosureFilterInput, { nullable: true }) filter: DisclosureFilterInput | null,
    @Arg("format", () => ExportFormat) format: ExportFormat,
    @Arg("limit", () => Int, { nullable: true }) limit: number | null,
  ): Promise<Export> {
    return exportDisclosures(dataSource, principal, requestId, filter, format, limit ?? MAX_EXPORT_ENTRIES);
  }

  @Query(() => SubjectAccessReportNode, { description: "IG leads: who saw this child's record, when and why, for a subject access request." })
  async subjectAccessReport(@Ctx() { dataSource, principal, requestId }: HubContext, @Arg("sui", () => ID) sui: string): Promise<SubjectAccessReport> {
    return subjectAccessReport(dataSource, principal, requestId, sui);
  }
}
