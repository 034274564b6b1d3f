import { type DataSource } from "typeorm";
import { Agency } from "../../directory/Agency";
import { AgencyType } from "../../directory/AgencyType";
import { type UnscheduledCareSetting } from "../../directory/UnscheduledCareSetting";

/** A health agency the directory holds, active, as an unscheduled-care setting: its setting, name and code. */
export interface UnscheduledCareSite {
  code: string;
  name: string;
  setting: UnscheduledCareSetting;
}

/**
 * Whether the directory holds the agency, active, as an unscheduled-care setting (CP-IS): a GP
 * practice, a school or a council is not one, whatever its token says.
 */
export async function unscheduledCareSite(dataSource: DataSource, agencyCode: string): Promise<UnscheduledCareSite | null> {
  const agency = await dataSource.getRepository(Agency).findOneBy({ code: agencyCode, active: true });
  if (agency === null || agency.type !== AgencyType.HEALTH || agency.unscheduledCareSetting === null) return null;
  return { code: agency.code, name: agency.name, setting: agency.unscheduledCareSetting };
}
