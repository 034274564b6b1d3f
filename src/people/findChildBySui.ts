import { type EntityManager, type DataSource } from "typeorm";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { Child } from "./Child";

/** The child with this SUI, or NOT_FOUND; an invalid SUI is INVALID_SUI. */
export async function findChildBySui(db: DataSource | EntityManager, rawSui: string, path = "sui"): Promise<Child> {
  const sui = parseSui(rawSui, path);
  const child = await db.getRepository(Child).findOneBy({ sui });
  if (child === null) throw new HubError(ErrorCode.NOT_FOUND, "The hub holds no child with this SUI.", { path });
  return child;
}
